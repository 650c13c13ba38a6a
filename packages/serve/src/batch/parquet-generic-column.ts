import { invalidParameter } from "@cairn/core";
import type { ColumnMetaData, DecodedArray, SchemaTree } from "hyparquet";
import { readColumn } from "hyparquet/src/column.js";
import { DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { snappyUncompress } from "./snappy-uncompress.js";

/**
 * Decodes a whole column chunk with hyparquet's general decoder (any encoding, codec hyparquet
 * supports, nulls, logical types) and returns its values as one array of rows values.
 */
export function decodeColumnChunk(bytes: Uint8Array, meta: ColumnMetaData, schemaPath: SchemaTree[], rows: number): DecodedArray {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const element = schemaPath[schemaPath.length - 1]!.element;
  const decoder = { pathInSchema: meta.path_in_schema, element, schemaPath, type: meta.type, codec: meta.codec, parsers: DEFAULT_PARSERS, compressors: { SNAPPY: snappy } };
  const { data } = readColumn(reader, { groupStart: 0, selectStart: 0, selectEnd: rows, groupRows: rows }, decoder);
  if (data.length === 1 && data[0]!.length === rows) return data[0]!;
  const values: unknown[] = new Array(rows);
  let at = 0;
  for (const chunk of data) {
    for (let i = 0; i < chunk.length && at < rows; i++) values[at++] = chunk[i];
  }
  if (at !== rows) throw invalidParameter(`Column '${meta.path_in_schema.join(".")}' holds ${at} values in a row group of ${rows} rows; the Parquet file is damaged.`);
  return values as DecodedArray;
}

/**
 * Copies decoded values into target as numbers: bigints and booleans convert, anything else
 * (a null, a string, a date) is INVALID_PARAMETER_VALUE naming the row (1-based) and column.
 */
export function toNumbers(values: DecodedArray, target: Float64Array, file: string, column: string, firstRow: number): void {
  if (values instanceof Float64Array || values instanceof Float32Array || values instanceof Int32Array) {
    target.set(values);
    return;
  }
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (typeof value === "number") target[i] = value;
    else if (typeof value === "bigint") target[i] = Number(value);
    else if (typeof value === "boolean") target[i] = value ? 1 : 0;
    else throw notNumeric(file, column, firstRow + i, value);
  }
}

function notNumeric(file: string, column: string, row: number, value: unknown) {
  if (value === null || value === undefined) {
    return invalidParameter(`${file}: row ${row}, column '${column}' is null (a missing value); model inputs must be numeric. Fill or drop missing values and retry.`);
  }
  return invalidParameter(`${file}: row ${row}, column '${column}' holds ${describe(value)}, which is not a number; model inputs must be numeric columns.`);
}

function describe(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (value instanceof Uint8Array) return `${value.length} bytes of binary data`;
  return `a ${Array.isArray(value) ? "list" : typeof value} value`;
}

function snappy(input: Uint8Array, size: number): Uint8Array {
  const output = new Uint8Array(size);
  snappyUncompress(input, output);
  return output;
}
