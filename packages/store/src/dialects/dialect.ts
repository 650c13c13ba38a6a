import type { Kysely, RawBuilder } from "kysely";
import type { Database } from "../schema.js";

/** A SQL fragment; Kysely's RawBuilder carries its bound parameters with it. */
export type Sql = RawBuilder<unknown>;

/**
 * What differs between SQLite and PostgreSQL, and nothing else: connection, JSON building,
 * pattern matching, collation and driver-error translation. Store code above this is shared.
 */
export interface StoreDialect {
  readonly name: "sqlite" | "postgres";
  readonly db: Kysely<Database>;
  /** A JSON object from constant keys to SQL values. */
  object(entries: ReadonlyArray<readonly [string, Sql]>): Sql;
  /** A correlated subquery aggregating elem over `from` into a JSON array, or NULL when it has no rows. */
  array(elem: Sql, from: Sql, orderBy: Sql): Sql;
  /**
   * A JSON array of elem over the rows of `source`, a subquery already in the wanted order whose
   * rows elem reads as `alias`; orderBy repeats that order for dialects that need it spelled out.
   */
  orderedArray(elem: Sql, source: Sql, alias: string, orderBy: Sql): Sql;
  /** A relation (run_key, pos) holding these keys in this order, for joins that must keep it. */
  keyList(keys: readonly number[]): Sql;
  /** The texts of `source`'s rows (column `text`, in the source's order by `pos`) joined into one JSON array. */
  concatArray(source: Sql): Sql;
  /**
   * The `text` column of source's rows joined into one JSON array, in the order source's own
   * ORDER BY gives them (source may carry LIMIT and OFFSET); NULL when source has no rows.
   */
  concatInOrder(source: Sql): Sql;
  /** Removes null members (recursively) so empty fields are omitted, as MLflow's JSON does. */
  stripNulls(json: Sql): Sql;
  /** A metric value as JSON: a number, or "NaN" / "Infinity" / "-Infinity" as MLflow writes them. */
  metricValue(alias: string): Sql;
  /** LIKE (case-sensitive) or ILIKE with SQL wildcards % and _. */
  like(left: Sql, pattern: string, caseInsensitive: boolean): Sql;
  /** A stored JSON text column as the driver returns it fastest (bytes on SQLite, a string on PostgreSQL). */
  jsonOut(expr: Sql): Sql;
  /** Text ordered by code point on both dialects. */
  orderText(expr: Sql): Sql;
  /** Translates a driver error into a CairnError where it has a meaning for users; otherwise returns it. */
  translateError(error: unknown): unknown;
  /**
   * Inserts metric points inside the caller's transaction. The ingest hot path, so each dialect
   * uses its fastest statement shape; duplicates of an existing point are ignored.
   */
  insertMetricPoints(trx: Kysely<Database>, runKey: number, points: readonly MetricPoint[]): Promise<void>;
  /**
   * Raises each key's latest_metrics row to the given point where that point is later (higher
   * step, then timestamp, then value); one statement for the whole batch. Keys must be distinct.
   */
  upsertLatestMetrics(trx: Kysely<Database>, runId: string, points: readonly MetricPoint[]): Promise<void>;
}

/** The ON CONFLICT clause both dialects use to keep latest_metrics at MLflow's "latest" point. */
export const LATEST_METRIC_CONFLICT = `ON CONFLICT (run_uuid, key) DO UPDATE SET
  step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
  WHERE excluded.step > latest_metrics.step
     OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)
     OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp AND excluded.value > latest_metrics.value)`;

/** A metric point ready for storage: NaN already split into value 0 and isNan 1. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  isNan: 0 | 1;
}
