import { extname } from "node:path";
import { invalidParameter } from "@cairn/core";
import type { SourceColumnType } from "./batch-source.js";

/** The file formats batch scoring reads and writes. */
export type TableFormat = "csv" | "parquet";

/** What an output column holds: a prediction's element type, or a column copied from the input. */
export type OutputColumnKind = "float32" | "float64" | "int32" | "int64" | "string" | "kept";

/** One column of the output file. */
export interface OutputColumn {
  name: string;
  kind: OutputColumnKind;
  /** For kept columns read from Parquet: the type to write them back as. */
  sourceType?: SourceColumnType;
}

/** A table written batch by batch to a temporary file and moved into place by finish(). */
export interface TableWriter {
  /** Appends rows: one array per output column, in the columns' order, each with at least rows values. */
  write(rows: number, values: readonly ArrayLike<unknown>[]): Promise<void>;
  /** Completes the file and renames it to its destination. */
  finish(): Promise<void>;
  /** Deletes what was written; the destination is left as it was. */
  abort(): Promise<void>;
}

const FORMATS: Record<string, TableFormat> = { ".csv": "csv", ".parquet": "parquet", ".pq": "parquet" };

/** The format a file name's extension names (.csv, .parquet or .pq); anything else is INVALID_PARAMETER_VALUE. */
export function tableFormatOf(path: string, role: "input" | "output"): TableFormat {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) {
    throw invalidParameter(`Cannot tell the ${role} format of '${path}' from its extension; name the file .csv or .parquet.`);
  }
  return format;
}
