// A streaming Parquet writer: one row group per batch, flushed to disk as it is written, the
// footer at the end. hyparquet-writer's ParquetWriter can append row groups too, but it encodes
// value by value (and tries a dictionary on every column), which made writing the predictions
// as slow as reading the features. Fixed-width numeric columns without nulls (predictions, an
// int64 id) are therefore written here as one PLAIN page copied straight from the typed array,
// and non-null text (a CSV input's id) as one PLAIN page encoded in one buffer; every other
// column (nullable, dates, ...) goes through hyparquet-writer's own column encoder, and its
// metadata writer serializes the footer.
import type { ColumnChunk, DecodedArray, RowGroup, SchemaElement, SchemaTree } from "hyparquet";
import { ByteWriter } from "hyparquet-writer";
import { writeColumn } from "hyparquet-writer/src/column.js";
import { writePageHeader } from "hyparquet-writer/src/datapage.js";
import { encodeNestedValues } from "hyparquet-writer/src/dremel.js";
import { writeIndexes } from "hyparquet-writer/src/indexes.js";
import { writeMetadata } from "hyparquet-writer/src/metadata.js";
import { schemaPathResolver } from "hyparquet-writer/src/schema.js";
import { snappyCompress } from "hyparquet-writer/src/snappy.js";
import type { OutputColumn, TableWriter } from "./table-writer.js";
import type { TempOutput } from "./temp-output.js";

const MAGIC = 0x31524150; // "PAR1"

/** hyparquet-writer's ByteWriter, emptied into the output file after every row group instead of growing with the file. */
class FileByteWriter extends ByteWriter {
  constructor(private readonly output: TempOutput) {
    super(1 << 20);
  }

  /** Writes the buffered bytes to the file. */
  async flush(): Promise<void> {
    if (this.index === 0) return;
    await this.output.append(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0; // offset keeps counting: offsets in the footer are file positions
  }
}

/** Options of the Parquet output. */
export interface ParquetOutputOptions {
  /** Compression of the columns hyparquet-writer encodes (text, nullable); default SNAPPY. Fixed-width numeric columns are stored uncompressed. */
  codec?: "SNAPPY" | "UNCOMPRESSED";
}

const PREDICTION_TYPES = { float32: "FLOAT", float64: "DOUBLE", int32: "INT32", int64: "INT64" } as const;
const TYPED: Record<string, new (...args: never[]) => ArrayBufferView> = { FLOAT: Float32Array, DOUBLE: Float64Array, INT32: Int32Array, INT64: BigInt64Array };

function schemaElement(column: OutputColumn): SchemaElement {
  if (column.kind !== "kept" && column.kind !== "string") return { name: column.name, type: PREDICTION_TYPES[column.kind], repetition_type: "REQUIRED" };
  // Text from a CSV input or a string tensor; a Parquet input's column keeps its own type (and nullability).
  if (column.kind === "string" || !column.sourceType) return { name: column.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" };
  const { required, ...type } = column.sourceType;
  return { ...(type as Omit<SchemaElement, "name">), name: column.name, repetition_type: required ? "REQUIRED" : "OPTIONAL" };
}

/** Writes a Parquet file into a temporary output, one row group per batch, flushing each to disk. */
export function createParquetWriter(output: TempOutput, columns: readonly OutputColumn[], options: ParquetOutputOptions = {}): TableWriter {
  const schema: SchemaElement[] = [{ name: "root", num_children: columns.length }, ...columns.map(schemaElement)];
  const leafPaths = columns.map((column) => schemaPathResolver(schema as never)([column.name]) as unknown as SchemaTree[]);
  const codec = options.codec ?? "SNAPPY";
  const writer = new FileByteWriter(output);
  const rowGroups: RowGroup[] = [];
  const pageIndexes: ReturnType<typeof writeColumn>[] = [];
  let rowCount = 0n;
  writer.appendUint32(MAGIC);
  return {
    async write(rows, values) {
      if (rows === 0) return;
      const groupStart = writer.offset;
      const chunks: ColumnChunk[] = [];
      let uncompressed = 0n;
      columns.forEach((column, c) => {
        const element = schema[c + 1]!;
        const data = exactly(values[c]!, rows);
        const ctor = TYPED[element.type ?? ""];
        let chunk: ColumnChunk;
        if (element.repetition_type === "REQUIRED" && ctor && data instanceof ctor) {
          chunk = writeFixedWidthChunk(writer, element, data as FixedWidth);
        } else if (element.repetition_type === "REQUIRED" && element.converted_type === "UTF8" && Array.isArray(data) && data.every((v) => typeof v === "string")) {
          chunk = writeTextChunk(writer, element, data as string[]);
        } else {
          const leaf = leafPaths[c]!;
          const encoder = {
            columnName: column.name,
            element,
            schemaPath: leaf.map((node) => node.element),
            codec,
            compressors: { SNAPPY: snappyCompress },
            stats: true,
            pageSize: 1 << 20,
            columnIndex: false,
            offsetIndex: true,
          };
          const result = writeColumn({ writer, column: encoder as never, pageData: encodeNestedValues(leaf as never, data) });
          pageIndexes.push(result);
          chunk = result.chunk as ColumnChunk;
        }
        uncompressed += chunk.meta_data!.total_uncompressed_size;
        chunks.push(chunk);
      });
      rowGroups.push({ columns: chunks, total_byte_size: uncompressed, num_rows: BigInt(rows), total_compressed_size: BigInt(writer.offset - groupStart) });
      rowCount += BigInt(rows);
      await writer.flush();
    },
    async finish() {
      writeIndexes(writer, pageIndexes as never);
      writeMetadata(writer, { version: 2, created_by: "cairn predict", schema, num_rows: rowCount, row_groups: rowGroups } as never);
      writer.appendUint32(MAGIC);
      await writer.flush();
      await output.commit();
    },
    abort: () => output.discard(),
  };
}

type FixedWidth = Float32Array | Float64Array | Int32Array | BigInt64Array;

/** One uncompressed PLAIN data page (v2) holding the typed array's bytes as they are, plus min/max statistics. */
function writeFixedWidthChunk(writer: ByteWriter, element: SchemaElement, data: FixedWidth): ColumnChunk {
  return writePlainChunk(writer, element, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), data.length, minMax(data));
}

/**
 * One uncompressed PLAIN page of strings (length-prefixed UTF-8), encoded by Buffer.write into one
 * buffer instead of a TextEncoder array per value; no min/max, which would need UTF-8 byte order.
 */
function writeTextChunk(writer: ByteWriter, element: SchemaElement, data: string[]): ColumnChunk {
  let bound = 0;
  for (const text of data) bound += 4 + 3 * text.length; // UTF-8 takes at most 3 bytes per UTF-16 unit
  const bytes = Buffer.allocUnsafe(bound);
  let at = 0;
  for (const text of data) {
    const length = bytes.write(text, at + 4, "utf8");
    bytes.writeUInt32LE(length, at);
    at += 4 + length;
  }
  return writePlainChunk(writer, element, bytes.subarray(0, at), data.length, { null_count: 0n });
}

type ChunkStatistics = ReturnType<typeof minMax>;

/** Writes one PLAIN, uncompressed data page (v2) of already encoded values as a whole column chunk. */
function writePlainChunk(writer: ByteWriter, element: SchemaElement, bytes: Uint8Array, count: number, statistics: ChunkStatistics): ColumnChunk {
  const start = writer.offset;
  writePageHeader(writer as never, {
    type: "DATA_PAGE_V2",
    uncompressed_page_size: bytes.length,
    compressed_page_size: bytes.length,
    data_page_header_v2: {
      num_values: count,
      num_nulls: 0,
      num_rows: count,
      encoding: "PLAIN",
      definition_levels_byte_length: 0,
      repetition_levels_byte_length: 0,
      is_compressed: false,
    },
  });
  const headerBytes = writer.offset - start;
  writer.appendBytes(bytes);
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: element.type!,
      encodings: ["PLAIN"],
      path_in_schema: [element.name],
      codec: "UNCOMPRESSED",
      num_values: BigInt(count),
      total_uncompressed_size: BigInt(headerBytes + bytes.length),
      total_compressed_size: BigInt(headerBytes + bytes.length),
      data_page_offset: BigInt(start),
      statistics,
      encoding_stats: [{ page_type: "DATA_PAGE_V2", encoding: "PLAIN", count: 1 }],
    },
  };
}

// Parquet statistics leave NaN out of min/max and count it separately (for float columns).
function minMax(data: FixedWidth): { min_value?: number | bigint; max_value?: number | bigint; null_count: bigint; nan_count?: bigint } {
  if (data instanceof BigInt64Array) {
    // Compared as (high signed, low unsigned) 32-bit halves: bigint comparisons cost ~10x more.
    const words = new Int32Array(data.buffer, data.byteOffset, data.length * 2);
    let minAt = 0;
    let maxAt = 0;
    for (let i = 1; i < data.length; i++) {
      const hi = words[2 * i + 1]!;
      const lo = words[2 * i]! >>> 0;
      const minHi = words[2 * minAt + 1]!;
      if (hi < minHi || (hi === minHi && lo < words[2 * minAt]! >>> 0)) minAt = i;
      const maxHi = words[2 * maxAt + 1]!;
      if (hi > maxHi || (hi === maxHi && lo > words[2 * maxAt]! >>> 0)) maxAt = i;
    }
    return { min_value: data[minAt]!, max_value: data[maxAt]!, null_count: 0n };
  }
  let min = Infinity;
  let max = -Infinity;
  let nan = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== v) nan++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const float = data instanceof Float32Array || data instanceof Float64Array;
  const stats = { null_count: 0n, ...(float ? { nan_count: BigInt(nan) } : {}) };
  if (nan === data.length) return stats;
  // Parquet asks for -0 as the minimum and +0 as the maximum when the bound is a zero.
  return { ...stats, min_value: min === 0 ? -0 : min, max_value: max === 0 ? 0 : max };
}

function exactly(values: ArrayLike<unknown>, rows: number): DecodedArray {
  if (values.length === rows) return values as DecodedArray;
  return (ArrayBuffer.isView(values) ? (values as unknown as Float32Array).subarray(0, rows) : Array.prototype.slice.call(values, 0, rows)) as DecodedArray;
}
