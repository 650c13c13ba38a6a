import type { IndexedRun } from "./run-fields";

/** The entities a data column can show, named as MLflow's filter and order_by prefixes. */
export type DataKind = "params" | "metrics" | "tags";

/** A param, metric or tag column; its id ("metrics.loss") is what the URL stores. */
export interface DataColumn {
  id: string;
  kind: DataKind;
  key: string;
}

const KINDS: readonly DataKind[] = ["params", "metrics", "tags"];

/** The column for kind and key. */
export function dataColumn(kind: DataKind, key: string): DataColumn {
  return { id: `${kind}.${key}`, kind, key };
}

/** Reads "params.lr" back into a column (the key is everything after the first dot); undefined for anything else. */
export function parseDataColumn(id: string): DataColumn | undefined {
  const dot = id.indexOf(".");
  const kind = id.slice(0, dot) as DataKind;
  if (dot <= 0 || !KINDS.includes(kind) || dot === id.length - 1) return undefined;
  return dataColumn(kind, id.slice(dot + 1));
}

/** A run's value in a data column, as text ("" when the run has none). */
export function columnValue(run: IndexedRun, column: DataColumn): string | number | undefined {
  return run[column.kind][column.key];
}

/**
 * The order_by clause for a sortable column id: attributes stay bare, keys are backquoted so
 * keys with dots, spaces or dashes ("mlflow.user", "val-loss") need no special cases.
 */
export function orderByClause(sortId: string, descending: boolean): string {
  const column = parseDataColumn(sortId);
  const field = column ? `${column.kind}.\`${column.key.replace(/[\\`]/g, (c) => `\\${c}`)}\`` : sortId;
  return `${field} ${descending ? "DESC" : "ASC"}`;
}
