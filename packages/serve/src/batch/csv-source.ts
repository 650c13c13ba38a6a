import { open, type FileHandle } from "node:fs/promises";
import { basename } from "node:path";
import { invalidParameter } from "@cairn/core";
import { requireBatchRows, requireColumns, type BatchSelection, type BatchSource, type FeatureBatch, type KeptColumn } from "./batch-source.js";
import { NOT_A_NUMBER, parseNumberBytes } from "./csv-number.js";
import { CsvRecordScanner, INCOMPLETE } from "./csv-record-scanner.js";
import { openInputFile } from "./input-file.js";

/** How much of the file is read at a time; a record longer than this grows the buffer. */
export const DEFAULT_CSV_CHUNK_BYTES = 1 << 20;

/** Options of openCsvSource. */
export interface CsvSourceOptions {
  /** Bytes read from the file at a time (default 1 MiB). */
  chunkBytes?: number;
}

/** A window of the file held in memory: buf[0, len) is the file from offset on. */
class FileWindow {
  buf: Buffer;
  len = 0;
  pos = 0;
  offset = 0;
  eof = false;

  constructor(
    private readonly handle: FileHandle,
    chunkBytes: number,
  ) {
    this.buf = Buffer.allocUnsafeSlow(chunkBytes);
  }

  /** Keeps buf[pos, len) (a record cut by the window's end), moving it to the front, and reads more after it. */
  async refill(): Promise<void> {
    if (this.pos === 0 && this.len === this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    } else if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.len);
      this.offset += this.pos;
      this.len -= this.pos;
      this.pos = 0;
    }
    const { bytesRead } = await this.handle.read(this.buf, this.len, this.buf.length - this.len, this.offset + this.len);
    this.len += bytesRead;
    if (bytesRead === 0) this.eof = true;
  }
}

/** Opens a CSV file whose first record is the header, for batch reading. */
export async function openCsvSource(path: string, options: CsvSourceOptions = {}): Promise<BatchSource> {
  const { handle, size } = await openInputFile(path);
  try {
    const window = new FileWindow(handle, Math.max(64, options.chunkBytes ?? DEFAULT_CSV_CHUNK_BYTES));
    const scanner = new CsvRecordScanner(64);
    const columnNames = await readHeader(window, scanner, basename(path));
    return csvSource(path, handle, size, window, scanner, columnNames);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readHeader(window: FileWindow, scanner: CsvRecordScanner, file: string): Promise<string[]> {
  await window.refill();
  if (window.len >= 3 && window.buf[0] === 0xef && window.buf[1] === 0xbb && window.buf[2] === 0xbf) window.pos = 3; // UTF-8 BOM
  for (;;) {
    const next = window.len > window.pos || window.eof ? scanner.scan(window.buf, window.pos, window.len, window.eof, 1) : INCOMPLETE;
    if (next === INCOMPLETE) {
      await window.refill();
      continue;
    }
    if (scanner.count > scanner.starts.length) {
      scanner.reserve(scanner.count * 2);
      continue; // scan again, now recording every field
    }
    if (window.len === 0 || (scanner.count === 1 && scanner.ends[0] === scanner.starts[0] && !scanner.anyQuoted)) {
      throw invalidParameter(`${file} has no header line; the first line of a CSV input must name its columns.`);
    }
    const names = Array.from({ length: scanner.count }, (_, f) => cellText(window.buf, scanner, f));
    window.pos = next;
    scanner.reserve(names.length + 1);
    return names;
  }
}

/** A field's text: UTF-8 decoded, with "" turned back into ". */
function cellText(buf: Buffer, scanner: CsvRecordScanner, field: number): string {
  const text = buf.toString("utf8", scanner.starts[field], scanner.ends[field]);
  return scanner.escaped[field] ? text.replaceAll('""', '"') : text;
}

function fieldIndexes(file: string, columnNames: readonly string[], wanted: readonly string[]): number[] {
  return wanted.map((name) => {
    const first = columnNames.indexOf(name);
    if (columnNames.indexOf(name, first + 1) >= 0) throw invalidParameter(`${file} has two columns named '${name}'; rename one so the column to use is unambiguous.`);
    return first;
  });
}

function csvSource(path: string, handle: FileHandle, size: number, window: FileWindow, scanner: CsvRecordScanner, columnNames: string[]): BatchSource {
  const file = basename(path);
  let closed = false;
  let started = false;
  let line = 2; // the header was line 1 (a header with quoted line breaks is rare enough to ignore here)

  async function* batches(selection: BatchSelection): AsyncGenerator<FeatureBatch> {
    if (started) throw new Error("A CSV source can be read only once.");
    started = true;
    requireBatchRows(selection.batchRows);
    requireColumns(file, columnNames, selection);
    const featureFields = fieldIndexes(file, columnNames, selection.features);
    const keptFields = fieldIndexes(file, columnNames, selection.keep);
    const width = featureFields.length;
    const { batchRows } = selection;
    const features = new Float32Array(batchRows * width);
    const keptValues = keptFields.map(() => new Array<string>(batchRows));
    const headerCount = columnNames.length;
    let rowStart = 0;
    let row = 0;
    for (;;) {
      if (window.pos >= window.len && window.eof) break;
      const next = window.pos < window.len || window.eof ? scanner.scan(window.buf, window.pos, window.len, window.eof, line) : INCOMPLETE;
      if (next === INCOMPLETE) {
        await window.refill();
        continue;
      }
      const { buf } = window;
      const blank = scanner.count === 1 && scanner.ends[0] === scanner.starts[0] && !scanner.anyQuoted;
      if (!blank) {
        const dataRow = rowStart + row + 1;
        if (scanner.count !== headerCount) {
          throw invalidParameter(`${file}: row ${dataRow} (line ${line}) has ${scanner.count} fields but the header names ${headerCount} columns; check for unquoted commas or a missing value.`);
        }
        const base = row * width;
        for (let j = 0; j < width; j++) {
          const f = featureFields[j]!;
          const value = parseNumberBytes(buf, scanner.starts[f]!, scanner.ends[f]!);
          if (value === NOT_A_NUMBER) throw notANumber(file, dataRow, line, columnNames[f]!, cellText(buf, scanner, f));
          features[base + j] = value;
        }
        for (let k = 0; k < keptFields.length; k++) keptValues[k]![row] = cellText(buf, scanner, keptFields[k]!);
        row++;
      }
      line += 1 + scanner.innerLines;
      window.pos = next;
      if (row === batchRows) {
        yield { rowStart, rows: row, features, kept: keptColumns(selection.keep, keptValues) };
        rowStart += row;
        row = 0;
      }
    }
    if (row > 0) {
      for (const values of keptValues) values.length = row;
      yield { rowStart, rows: row, features: features.subarray(0, row * width), kept: keptColumns(selection.keep, keptValues) };
    }
  }

  return {
    columnNames,
    totalBytes: size,
    totalRows: undefined,
    bytesRead: () => Math.min(size, window.offset + window.pos),
    batches,
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

function keptColumns(names: readonly string[], values: string[][]): KeptColumn[] {
  return names.map((name, k) => ({ name, values: values[k]! }));
}

function notANumber(file: string, row: number, line: number, column: string, text: string) {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const what = text.trim() === "" ? "is empty (a missing value)" : `holds '${shown}', which is not a number`;
  return invalidParameter(`${file}: row ${row} (line ${line}), column '${column}' ${what}; model inputs must be numeric. Fix or drop that row and retry.`);
}
