import { invalidParameter } from "@cairn/core";

/**
 * The Parquet type a kept column had in its source file (a hyparquet SchemaElement's fields),
 * so a Parquet output can write it back the same way; CSV sources have none (their cells are text).
 */
export interface SourceColumnType {
  type?: string;
  type_length?: number;
  converted_type?: string;
  logical_type?: { type: string; [key: string]: unknown };
  scale?: number;
  precision?: number;
  /** The column was REQUIRED (holds no nulls). */
  required?: boolean;
}

/** A column copied from the input to the output unchanged (an id, say). */
export interface KeptColumn {
  name: string;
  /** One value per row of the batch: strings from CSV, decoded values from Parquet (null for a missing one). */
  values: ArrayLike<unknown>;
  sourceType?: SourceColumnType;
}

/**
 * One chunk of input rows: the feature columns packed row-major into float32 (ready to be an
 * [rows, features] tensor) and the kept columns as read. A source reuses its buffers, so a batch
 * is valid only until the next one is requested.
 */
export interface FeatureBatch {
  /** Zero-based index of the batch's first data row in the input. */
  rowStart: number;
  rows: number;
  /** rows × features values, row-major, features in the order they were selected. */
  features: Float32Array;
  kept: KeptColumn[];
}

/** Which columns a source should deliver, and in how many rows at most per batch. */
export interface BatchSelection {
  /** Feature columns in the order the model expects them. */
  features: readonly string[];
  /** Columns to copy to the output. */
  keep: readonly string[];
  /** Upper bound of a batch's rows (a Parquet source also never crosses a row group). */
  batchRows: number;
}

/** An input file read in batches, in constant memory. */
export interface BatchSource {
  /** The file's columns, in file order. */
  readonly columnNames: readonly string[];
  /** The file's size in bytes. */
  readonly totalBytes: number;
  /** The number of data rows when the format records it (Parquet), else undefined. */
  readonly totalRows: number | undefined;
  /** How far through the file the batches delivered so far reach, in bytes. */
  bytesRead(): number;
  /** Reads the selected columns batch by batch; call once. */
  batches(selection: BatchSelection): AsyncIterable<FeatureBatch>;
  /** Closes the file; safe to call twice. */
  close(): Promise<void>;
}

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(", ");

/** Throws INVALID_PARAMETER_VALUE naming every selected column the file lacks, and listing the file's columns. */
export function requireColumns(file: string, columnNames: readonly string[], selection: Pick<BatchSelection, "features" | "keep">): void {
  const present = new Set(columnNames);
  const missing = [...new Set([...selection.features, ...selection.keep])].filter((name) => !present.has(name));
  if (missing.length === 0) return;
  const listed = columnNames.length > 50 ? `${quoted(columnNames.slice(0, 50))} and ${columnNames.length - 50} more` : quoted(columnNames);
  throw invalidParameter(
    `${file} has no column${missing.length > 1 ? "s" : ""} ${quoted(missing)}; its columns are ${listed || "(none)"}. Rename the columns in the file, or pass the right names (--columns, --keep-columns).`,
  );
}

/** Throws INVALID_PARAMETER_VALUE unless batchRows is a positive whole number. */
export function requireBatchRows(batchRows: number): void {
  if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw invalidParameter(`batchRows must be a whole number of rows, at least 1; got ${batchRows}.`);
}
