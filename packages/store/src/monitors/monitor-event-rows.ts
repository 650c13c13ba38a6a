import { sql, type Kysely } from "kysely";
import type { StoredMonitorEvent } from "@cairn/core";
import type { Database, MonitorEventsTable } from "../schema.js";
import type { StoreContext } from "../tracking/context.js";
import { byWidth, placeholders, runInBatches } from "./sqlite-batches.js";

/** The monitor_events columns an event is read back with (all but monitor_id). */
export const EVENT_COLUMNS = [
  "request_id",
  "timestamp_ms",
  "window_start_ms",
  "variant",
  "features_json",
  "prediction_json",
  "score",
  "label_json",
  "label_timestamp_ms",
] as const;

/** A monitor_events row as read back, without monitor_id. */
export type EventRow = Omit<MonitorEventsTable, "monitor_id">;

/** A stored row in the port's shape, empty fields left out. */
export function toStoredEvent(r: EventRow): StoredMonitorEvent {
  return {
    request_id: r.request_id,
    timestamp_ms: Number(r.timestamp_ms),
    window_start_ms: Number(r.window_start_ms),
    ...(r.variant === null ? {} : { variant: r.variant }),
    features_json: r.features_json,
    ...(r.prediction_json === null ? {} : { prediction_json: r.prediction_json }),
    ...(r.score === null ? {} : { score: Number(r.score) }),
    ...(r.label_json === null ? {} : { label_json: r.label_json }),
    ...(r.label_timestamp_ms === null ? {} : { label_timestamp_ms: Number(r.label_timestamp_ms) }),
  };
}

// Lookups by id: one parameter per id.
const IDS_PER_QUERY = 1000;

const INSERT_SQL = byWidth(
  (width) => `insert into monitor_events (monitor_id, request_id, timestamp_ms, window_start_ms, variant, features_json, prediction_json, score, label_json, label_timestamp_ms)
    values ${placeholders(width, 10)} on conflict do nothing returning request_id`,
);

/**
 * Inserts events in the caller's transaction, skipping request ids the monitor already stores;
 * returns the ids that were new. request ids must be distinct within the call.
 */
export async function insertEvents(ctx: StoreContext, trx: Kysely<Database>, monitorId: string, events: readonly StoredMonitorEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows =
    ctx.d.name === "postgres"
      ? await insertUnnested(trx, monitorId, events)
      : await runInBatches<StoredMonitorEvent, { request_id: string }>(trx, events, INSERT_SQL, (args, e) => {
          args.push(monitorId, e.request_id, e.timestamp_ms, e.window_start_ms, e.variant ?? null, e.features_json);
          args.push(e.prediction_json ?? null, e.score ?? null, e.label_json ?? null, e.label_timestamp_ms ?? null);
        });
  return new Set(rows.map((r) => r.request_id));
}

/**
 * PostgreSQL: the whole batch as nine column arrays unnested server-side, one statement with ten
 * parameters instead of ten per row (which PostgreSQL would parse and plan row by row).
 */
async function insertUnnested(trx: Kysely<Database>, monitorId: string, events: readonly StoredMonitorEvent[]) {
  const column = <T>(f: (e: StoredMonitorEvent) => T) => events.map(f);
  const result = await sql<{ request_id: string }>`insert into monitor_events
      (monitor_id, request_id, timestamp_ms, window_start_ms, variant, features_json, prediction_json, score, label_json, label_timestamp_ms)
    select ${monitorId}, * from unnest(${column((e) => e.request_id)}::text[], ${column((e) => e.timestamp_ms)}::bigint[],
      ${column((e) => e.window_start_ms)}::bigint[], ${column((e) => e.variant ?? null)}::text[], ${column((e) => e.features_json)}::text[],
      ${column((e) => e.prediction_json ?? null)}::text[], ${column((e) => e.score ?? null)}::float8[], ${column((e) => e.label_json ?? null)}::text[],
      ${column((e) => e.label_timestamp_ms ?? null)}::bigint[])
    on conflict (monitor_id, request_id) do nothing
    returning request_id`.execute(trx);
  return result.rows;
}

/** A label to write: the event's request id, the label's JSON text and when it was known. */
export interface LabelRow {
  request_id: string;
  label_json: string;
  at: number;
}

// Each row carries the monitor id, so the text has only one kind of placeholder. SQLite's
// RETURNING names the updated table's columns unqualified.
const LABEL_SQL = byWidth(
  (width) => `with v(monitor_id, request_id, label_json, at) as (values ${placeholders(width, 4)})
    update monitor_events as e set label_json = v.label_json, label_timestamp_ms = v.at
    from v where e.monitor_id = v.monitor_id and e.request_id = v.request_id and e.label_json is null
    returning ${EVENT_COLUMNS.join(", ")}`,
);

/**
 * Sets the label of every event among rows that has none yet, in the caller's transaction, and
 * returns those events as they are now. The "is null" condition is re-checked under the row lock,
 * so of two concurrent labelers of one event exactly one writes. request ids must be distinct.
 */
export async function labelEvents(ctx: StoreContext, trx: Kysely<Database>, monitorId: string, rows: readonly LabelRow[]): Promise<EventRow[]> {
  if (rows.length === 0) return [];
  if (ctx.d.name === "postgres") {
    const result = await sql<EventRow>`update monitor_events as e set label_json = v.label_json, label_timestamp_ms = v.at
      from unnest(${rows.map((r) => r.request_id)}::text[], ${rows.map((r) => r.label_json)}::text[], ${rows.map((r) => r.at)}::bigint[]) as v(request_id, label_json, at)
      where e.monitor_id = ${monitorId} and e.request_id = v.request_id and e.label_json is null
      returning ${sql.join(EVENT_COLUMNS.map((c) => sql.ref(`e.${c}`)))}`.execute(trx);
    return result.rows;
  }
  return runInBatches<LabelRow, EventRow>(trx, rows, LABEL_SQL, (args, r) => {
    args.push(monitorId, r.request_id, r.label_json, r.at);
  });
}

/** The stored events among these request ids (distinct), in no particular order. */
export async function selectEvents(db: Kysely<Database>, monitorId: string, requestIds: readonly string[]): Promise<EventRow[]> {
  const out: EventRow[] = [];
  for (let i = 0; i < requestIds.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("monitor_events")
      .select(EVENT_COLUMNS)
      .where("monitor_id", "=", monitorId)
      .where("request_id", "in", requestIds.slice(i, i + IDS_PER_QUERY))
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Which of these request ids (distinct) the monitor stores an event for. */
export async function storedIds(db: Kysely<Database>, monitorId: string, requestIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < requestIds.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom("monitor_events")
      .select("request_id")
      .where("monitor_id", "=", monitorId)
      .where("request_id", "in", requestIds.slice(i, i + IDS_PER_QUERY))
      .execute();
    for (const r of rows) found.add(r.request_id);
  }
  return found;
}
