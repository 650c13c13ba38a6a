import {
  invalidParameter,
  type MonitorConfig,
  type MonitorLabelRecord,
  type MonitorWindowData,
  type MonitorWindowMerger,
  type StoredMonitorEvent,
} from "@cairn/core";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { insertEvents, labelEvents, selectEvents, storedIds, toStoredEvent, type LabelRow } from "./monitor-event-rows.js";
import { holdMonitorById, requireMonitorById } from "./monitor-rows.js";
import { mergeMonitorWindows } from "./monitor-windows.js";

const DAY_MS = 86_400_000;

/**
 * Ingests one batch in one transaction: stores the events given (undefined entries are events
 * without a request id, profiled but not kept), then merges build's window deltas for the fresh
 * ones. An id already stored, or repeated within the batch, is a duplicate (the first copy in the
 * batch is the one kept). If build or the merger throws, nothing is written.
 */
export async function ingestMonitorEvents(
  ctx: StoreContext,
  monitorId: string,
  events: readonly (StoredMonitorEvent | undefined)[],
  build: (fresh: readonly number[]) => MonitorWindowData[],
  merger: MonitorWindowMerger,
): Promise<{ fresh: number; duplicates: number }> {
  const firstIndex = new Map<string, number>();
  const candidates: StoredMonitorEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e === undefined || firstIndex.has(e.request_id)) continue;
    if (typeof e.request_id !== "string" || e.request_id === "") throw invalidParameter(`Invalid request id at events[${i}]: give a non-empty string, or none.`);
    firstIndex.set(e.request_id, i);
    candidates.push(e);
  }
  return inTransaction(ctx, async (trx) => {
    await holdMonitorById(ctx, trx, monitorId);
    const inserted = await insertEvents(ctx, trx, monitorId, candidates);
    const fresh: number[] = [];
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e === undefined || (firstIndex.get(e.request_id) === i && inserted.has(e.request_id))) fresh.push(i);
    }
    await mergeMonitorWindows(ctx, trx, monitorId, build(fresh), merger);
    return { fresh: fresh.length, duplicates: events.length - fresh.length };
  });
}

/**
 * Attaches labels in one transaction. An event keeps its first label: ids already labeled (or
 * labeled earlier in the same call) are listed in already_labeled, ids with no stored event in
 * unknown_request_ids. build gets the newly labeled events, in the order of labels, and its
 * window deltas are merged as in ingest.
 */
export async function attachMonitorLabels(
  ctx: StoreContext,
  monitorId: string,
  labels: readonly MonitorLabelRecord[],
  build: (labeled: readonly StoredMonitorEvent[]) => MonitorWindowData[],
  merger: MonitorWindowMerger,
): Promise<{ updated: number; unknown_request_ids: string[]; already_labeled: string[] }> {
  const order = new Map<string, number>();
  const rows: LabelRow[] = [];
  const repeated: string[] = [];
  for (const [i, l] of labels.entries()) {
    if (typeof l.request_id !== "string" || l.request_id === "") throw invalidParameter(`Missing value for parameter 'labels[${i}].request_id': give the event's request id.`);
    if (typeof l.label_json !== "string") throw invalidParameter(`Missing value for parameter 'labels[${i}].label': give the label (any JSON value).`);
    if (!Number.isSafeInteger(l.timestamp_ms)) throw invalidParameter(`Invalid value for parameter 'labels[${i}].timestamp_ms': give milliseconds since the epoch as a whole number.`);
    if (order.has(l.request_id)) {
      repeated.push(l.request_id);
      continue;
    }
    order.set(l.request_id, i);
    rows.push({ request_id: l.request_id, label_json: l.label_json, at: l.timestamp_ms });
  }
  return inTransaction(ctx, async (trx) => {
    await holdMonitorById(ctx, trx, monitorId);
    const labeled = (await labelEvents(ctx, trx, monitorId, rows)).map(toStoredEvent);
    labeled.sort((a, b) => order.get(a.request_id)! - order.get(b.request_id)!);
    const done = new Set(labeled.map((e) => e.request_id));
    const rest = rows.filter((r) => !done.has(r.request_id)).map((r) => r.request_id);
    const known = await storedIds(trx, monitorId, rest);
    const unknown = rest.filter((id) => !known.has(id));
    const unknownSet = new Set(unknown);
    const already = [...new Set([...rest.filter((id) => known.has(id)), ...repeated.filter((id) => !unknownSet.has(id))])];
    if (labeled.length > 0) await mergeMonitorWindows(ctx, trx, monitorId, build(labeled), merger);
    return { updated: labeled.length, unknown_request_ids: unknown, already_labeled: already };
  });
}

/** Stored raw events by request id, in the order asked (each once); unknown ids are left out. */
export async function getMonitorEvents(ctx: StoreContext, monitorId: string, requestIds: readonly string[]): Promise<StoredMonitorEvent[]> {
  const ids = [...new Set(requestIds)];
  return reading(ctx, async (db) => {
    await requireMonitorById(db, monitorId);
    const byId = new Map((await selectEvents(db, monitorId, ids)).map((r) => [r.request_id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toStoredEvent(row)] : [];
    });
  });
}

/** Deletes raw events older than each monitor's raw_retention_days (timestamp_ms < now - days); the number deleted. */
export async function pruneMonitorEvents(ctx: StoreContext, now: number): Promise<number> {
  if (!Number.isSafeInteger(now)) throw invalidParameter(`Invalid time ${String(now)}: give milliseconds since the epoch as a whole number.`);
  return inTransaction(ctx, async (trx) => {
    const monitors = await trx.selectFrom("monitors").select(["monitor_id", "config_json"]).execute();
    let deleted = 0;
    for (const m of monitors) {
      const days = (JSON.parse(m.config_json) as MonitorConfig).raw_retention_days;
      const result = await trx
        .deleteFrom("monitor_events")
        .where("monitor_id", "=", m.monitor_id)
        .where("timestamp_ms", "<", now - Math.round(days * DAY_MS))
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    return deleted;
  });
}
