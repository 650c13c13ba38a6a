// The fast path of Parquet feature decoding: PLAIN-encoded pages of a flat numeric column with
// no nulls (what pandas, pyarrow with dictionaries off for floats, and hyparquet-writer write for
// dense features) are copied from the page bytes straight into a Float64Array, with no
// intermediate arrays or per-value objects. Whatever this does not recognise is left to
// hyparquet's general decoder (parquet-generic-column.ts): the caller falls back when it returns false.
import type { ColumnMetaData, PageHeader, SchemaElement } from "hyparquet";
import { parquetHeader } from "hyparquet/src/column.js";
import { snappyUncompress } from "./snappy-uncompress.js";

const VALUE_BYTES: Record<string, number> = { DOUBLE: 8, FLOAT: 4, INT32: 4, INT64: 8 };
const SIGNED_INTS = new Set(["INT_8", "INT_16", "INT_32", "INT_64"]);

/** Scratch memory reused across pages and chunks: decompressed pages and realigned values. */
export class PageScratch {
  private page = new Uint8Array(0);
  private aligned = new ArrayBuffer(0);

  /** A buffer of at least size bytes for a decompressed page. */
  pageBuffer(size: number): Uint8Array {
    if (this.page.length < size) this.page = new Uint8Array(Math.max(size, this.page.length * 2));
    return this.page.subarray(0, size);
  }

  /** bytes copied to an 8-byte aligned buffer, so typed arrays can view them. */
  align(bytes: Uint8Array): ArrayBuffer {
    if (this.aligned.byteLength < bytes.length) this.aligned = new ArrayBuffer(Math.max(bytes.length, this.aligned.byteLength * 2));
    new Uint8Array(this.aligned, 0, bytes.length).set(bytes);
    return this.aligned;
  }
}

/** True when this column's type and annotations are plain numbers the fast path may copy. */
export function isPlainNumericColumn(meta: ColumnMetaData, element: SchemaElement): boolean {
  if (!(meta.type in VALUE_BYTES) || element.repetition_type === "REPEATED") return false;
  if (meta.codec !== "UNCOMPRESSED" && meta.codec !== "SNAPPY") return false;
  const logical = element.logical_type;
  if (meta.type === "DOUBLE" || meta.type === "FLOAT") return element.converted_type === undefined && logical === undefined;
  const convertedOk = element.converted_type === undefined || SIGNED_INTS.has(element.converted_type);
  const logicalOk = logical === undefined || (logical.type === "INTEGER" && logical.isSigned === true);
  return convertedOk && logicalOk;
}

/**
 * Decodes a whole column chunk (its bytes from the first page on) of `rows` values into
 * target[0, rows); returns false, having written garbage, when a page needs the general decoder
 * (a dictionary, another encoding, a null, a codec other than snappy).
 */
export function decodePlainNumericChunk(bytes: Uint8Array, meta: ColumnMetaData, element: SchemaElement, rows: number, target: Float64Array, scratch: PageScratch): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  const optional = element.repetition_type === "OPTIONAL";
  let row = 0;
  while (row < rows) {
    if (reader.offset >= bytes.length) return false;
    const header: PageHeader = parquetHeader(reader);
    const pageStart = reader.offset;
    reader.offset += header.compressed_page_size;
    if (reader.offset > bytes.length) return false;
    const raw = bytes.subarray(pageStart, reader.offset);
    let values: Uint8Array;
    let count: number;
    if (header.type === "DATA_PAGE" && header.data_page_header) {
      const daph = header.data_page_header;
      if (daph.encoding !== "PLAIN") return false;
      count = daph.num_values;
      let page = raw;
      if (meta.codec === "SNAPPY") {
        page = scratch.pageBuffer(header.uncompressed_page_size);
        snappyUncompress(raw, page);
      }
      let at = 0;
      if (optional) {
        if (page.length < 4) return false;
        const levelBytes = page[0]! | (page[1]! << 8) | (page[2]! << 16) | (page[3]! << 24);
        if (!allDefined(page, 4, 4 + levelBytes, count)) return false;
        at = 4 + levelBytes;
      }
      values = page.subarray(at);
    } else if (header.type === "DATA_PAGE_V2" && header.data_page_header_v2) {
      const daph = header.data_page_header_v2;
      if (daph.encoding !== "PLAIN" || daph.num_nulls !== 0) return false;
      count = daph.num_values;
      const levels = daph.repetition_levels_byte_length + daph.definition_levels_byte_length;
      let page = raw.subarray(levels);
      const size = header.uncompressed_page_size - levels;
      if (meta.codec === "SNAPPY" && daph.is_compressed !== false && size > 0) {
        if (meta.type === "DOUBLE" && size === count * 8 && count <= rows - row) {
          // The block is exactly the values: decompress straight into place, saving a copy.
          snappyUncompress(page, new Uint8Array(target.buffer, target.byteOffset + row * 8, size));
          row += count;
          continue;
        }
        const out = scratch.pageBuffer(size);
        snappyUncompress(page, out);
        page = out;
      }
      values = page;
    } else {
      return false; // a dictionary page, or an index page we do not expect
    }
    if (count > rows - row || !copyValues(meta.type, values, count, target, row, scratch)) return false;
    row += count;
  }
  return true;
}

function copyValues(type: string, values: Uint8Array, count: number, target: Float64Array, row: number, scratch: PageScratch): boolean {
  const size = VALUE_BYTES[type]!;
  if (values.length < count * size) return false;
  const bytes = values.subarray(0, count * size);
  if (type === "DOUBLE") {
    new Uint8Array(target.buffer, target.byteOffset + row * 8, count * 8).set(bytes);
    return true;
  }
  const aligned = bytes.byteOffset % size === 0;
  const buffer = aligned ? bytes.buffer : scratch.align(bytes);
  const offset = aligned ? bytes.byteOffset : 0;
  if (type === "FLOAT") target.set(new Float32Array(buffer, offset, count), row);
  else if (type === "INT32") target.set(new Int32Array(buffer, offset, count), row);
  else {
    // INT64: two 32-bit halves; exact up to 2^53, which float32 features cannot tell apart anyway.
    const words = new Int32Array(buffer, offset, count * 2);
    for (let i = 0; i < count; i++) target[row + i] = words[2 * i + 1]! * 4294967296 + (words[2 * i]! >>> 0);
  }
  return true;
}

/** True when the RLE/bit-packed definition levels (bit width 1) in bytes[at, end) mark all count values present. */
function allDefined(bytes: Uint8Array, at: number, end: number, count: number): boolean {
  let seen = 0;
  let i = at;
  while (seen < count) {
    if (i >= end) return false;
    let header = 0;
    let shift = 1;
    let b: number;
    do {
      b = bytes[i++]!;
      header += (b & 0x7f) * shift;
      shift *= 128;
    } while (b & 0x80 && i < end);
    const run = Math.floor(header / 2);
    if (header % 2 === 0) {
      if (bytes[i++] !== 1) return false;
      seen += run;
    } else {
      // run groups of 8 values, one byte each at bit width 1; padding bits of the last group are ignored
      for (let g = 0; g < run && seen < count; g++) {
        const n = Math.min(8, count - seen);
        const mask = (1 << n) - 1;
        if (((bytes[i + g] ?? 0) & mask) !== mask) return false;
        seen += n;
      }
      i += run;
    }
  }
  return true;
}
