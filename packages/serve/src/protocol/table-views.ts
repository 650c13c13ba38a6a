import { invalidParameter } from "@cairn/core";
import { csvValue, type CellKind } from "./csv-table.js";
import { describeValue } from "./element-types.js";

/** Reads one column's value at a row; undefined when the row has no value for it. */
export type CellReader = (row: number) => unknown;

/**
 * Row-and-column access to a request's tabular data, whatever form it came in, so the column
 * decoders are written once. (The hot dataframe_split → [N, F] path does not go through here.)
 */
export interface TableView {
  readonly rows: number;
  /** The column names sent, for messages; null for positional data. */
  readonly names: readonly string[] | null;
  /** The column's reader, by name (or by position for positional data); undefined when it was not sent. */
  column(name: string, position: number, kind: CellKind): CellReader | undefined;
  /** Where a column lives in the request, for messages ("dataframe_split.columns"). */
  readonly source: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** dataframe_split (or CSV, with raw string cells): a column list and rows of values. */
export function splitView(columns: unknown, data: unknown, csv: boolean): TableView {
  const source = csv ? "the CSV header" : "dataframe_split.columns";
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === "string")) {
    throw invalidParameter(`dataframe_split.columns must be a list of column names (strings); got ${describeValue(columns)}.`);
  }
  const rows = checkRows(data, columns.length, csv ? "CSV" : "dataframe_split.data");
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return {
    rows: rows.length,
    names: columns,
    source,
    column(name, _position, kind) {
      const at = index.get(name);
      if (at === undefined) return undefined;
      return csv ? (r) => csvValue((rows[r] as string[])[at]!, kind) : (r) => (rows[r] as unknown[])[at];
    },
  };
}

/** Rows given as lists without column names (`inputs: [[...], ...]` for a column-based model): by position. */
export function positionalView(rows: unknown[], width: number, label: string): TableView {
  checkRows(rows, width, label);
  return { rows: rows.length, names: null, source: label, column: (_name, position) => (r) => (rows[r] as unknown[])[position] };
}

/** dataframe_records, or instances/inputs as a list of objects: one object per row, keyed by column. */
export function recordsView(records: unknown, label: string): TableView {
  if (!Array.isArray(records)) throw invalidParameter(`${label} must be a list of objects, one per row, such as [{"a": 1, "b": 2}]; got ${describeValue(records)}.`);
  records.forEach((record, r) => {
    if (!isRecord(record)) throw invalidParameter(`${label}[${r}] must be an object of column names to values; got ${describeValue(record)}.`);
  });
  const rows = records as Record<string, unknown>[];
  return {
    rows: rows.length,
    names: rows.length > 0 ? Object.keys(rows[0]!) : [],
    source: label,
    column(name) {
      // A column counts as sent when the first row has it; a later row without it is reported by row.
      if (rows.length > 0 && !(name in rows[0]!)) return undefined;
      return (r) => rows[r]![name];
    },
  };
}

/** instances/inputs as an object of columns: {"a": [1, 2], "b": [3, 4]}, or {"a": 1, "b": 3} for one row. */
export function columnarView(value: Record<string, unknown>, label: string): TableView {
  const lists = Object.values(value).filter(Array.isArray);
  if (lists.length > 0 && lists.length !== Object.keys(value).length) {
    throw invalidParameter(`${label} mixes lists and single values; give every column as a list of values (one per row).`);
  }
  const rows = lists.length === 0 ? 1 : (lists[0] as unknown[]).length;
  for (const [name, column] of Object.entries(value)) {
    if (Array.isArray(column) && column.length !== rows) {
      throw invalidParameter(`${label}: column '${name}' has ${column.length} value(s) but '${Object.keys(value)[0]}' has ${rows}; every column needs one value per row.`);
    }
  }
  return {
    rows,
    names: Object.keys(value),
    source: label,
    column(name) {
      if (!(name in value)) return undefined;
      const column = value[name];
      return Array.isArray(column) ? (r) => column[r] : () => column;
    },
  };
}

function checkRows(data: unknown, width: number, label: string): unknown[] {
  if (!Array.isArray(data)) throw invalidParameter(`${label} must be a list of rows, each a list of values; got ${describeValue(data)}.`);
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!Array.isArray(row) || row.length !== width) {
      throw invalidParameter(
        `${label} row ${r} ${Array.isArray(row) ? `has ${row.length} value(s)` : `is ${describeValue(row)}`} but there are ${width} column(s); every row needs one value per column.`,
      );
    }
  }
  return data;
}
