import { extname } from "node:path";
import { invalidParameter } from "@cairn/core";
import { openCsvRows } from "./csv-rows.js";
import { openJsonLinesRows } from "./jsonl-rows.js";
import { openParquetRows } from "./parquet-rows.js";

/** The tabular file formats the CLI reads rows from. */
export const ROW_FORMATS = ["csv", "jsonl", "parquet"] as const;
/** One of ROW_FORMATS. */
export type RowFormat = (typeof ROW_FORMATS)[number];

/** One record per row: column name to value (null when empty). */
export type Row = Record<string, unknown>;

/** A chunk of rows and how far through the file reading has come. */
export interface RowChunk {
  rows: Row[];
  /** Rows read so far, this chunk included. */
  rowsRead: number;
  /** Bytes of the file consumed so far (an estimate for Parquet, from rows read). */
  bytesRead: number;
}

/** An open row file, read once as chunks. */
export interface RowFile {
  path: string;
  format: RowFormat;
  /** The header's (CSV) or schema's (Parquet) columns; undefined for JSON lines, whose rows may differ. */
  columns: string[] | undefined;
  totalBytes: number;
  /** Known for Parquet (its footer says), else undefined. */
  totalRows: number | undefined;
  /** Yields chunks of at most chunkRows rows; the file closes when the iteration ends. */
  chunks(chunkRows: number): AsyncGenerator<RowChunk>;
}

/** How to open a row file. */
export interface RowFileOptions {
  /** The format; by default from the extension (.csv, .jsonl/.ndjson/.json, .parquet/.pq). */
  format?: RowFormat;
  /** CSV columns kept as text (ids), where the others turn numeric-looking text into numbers. */
  textColumns?: readonly string[];
}

const BY_EXTENSION: Record<string, RowFormat> = { ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet" };

/** The format of path: the explicit one, else the one its extension names. */
export function rowFormatOf(path: string, explicit?: string): RowFormat {
  if (explicit !== undefined) {
    if (!(ROW_FORMATS as readonly string[]).includes(explicit)) throw invalidParameter(`Unknown file format '${explicit}'; use one of ${ROW_FORMATS.join(", ")}.`);
    return explicit as RowFormat;
  }
  const format = BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) throw invalidParameter(`Cannot tell the format of '${path}' from its extension; name the file .csv, .jsonl or .parquet, or pass --format csv|jsonl|parquet.`);
  return format;
}

/** Opens a CSV, JSON-lines or Parquet file for reading rows in chunks; a missing or unreadable file is INVALID_PARAMETER_VALUE. */
export async function openRowFile(path: string, options: RowFileOptions = {}): Promise<RowFile> {
  const format = rowFormatOf(path, options.format);
  if (format === "csv") return openCsvRows(path, new Set(options.textColumns ?? []));
  if (format === "jsonl") return openJsonLinesRows(path);
  return openParquetRows(path);
}

/** Reads every row of a file (for a reference, which is profiled whole). */
export async function readAllRows(file: RowFile, chunkRows = 65_536): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const chunk of file.chunks(chunkRows)) for (const row of chunk.rows) rows.push(row);
  return rows;
}

/** Fails with a message naming the columns the file has when one of the named columns is not among them. */
export function requireColumns(file: RowFile, seen: readonly string[], wanted: readonly (readonly [option: string, column: string | undefined])[]): void {
  const known = new Set(seen);
  for (const [option, column] of wanted) {
    if (column === undefined || known.has(column)) continue;
    throw invalidParameter(`${option} '${column}' is not a column of ${file.path}; its columns are: ${seen.join(", ") || "(none)"}.`);
  }
}

/** The columns of a chunk of rows (for JSON lines, whose header is the union of the rows' keys). */
export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}
