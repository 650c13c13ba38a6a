import type { Kysely } from "kysely";
import { CairnError, invalidParameter, type MonitorWindowData, type MonitorWindowMerger, type StoredMonitorWindow } from "@cairn/core";
import type { Database } from "../schema.js";
import { reading, type StoreContext } from "../tracking/context.js";
import { fromBlob, requireMonitorById, toBlob } from "./monitor-rows.js";

// 1000 windows x 6 columns stays under SQLite's 32766 bound parameters.
const WINDOWS_PER_STATEMENT = 1000;

/**
 * Merges window deltas into the stored windows inside the caller's transaction. Existing rows
 * are read first (FOR UPDATE on PostgreSQL, in window order so concurrent ingests lock in the
 * same order) and merged in JS by the monitor package's merger; missing ones are inserted with
 * ON CONFLICT DO NOTHING, and a window another replica inserted meanwhile is then read locked
 * and merged like an existing one. A merger that throws aborts the whole transaction.
 */
export async function mergeMonitorWindows(
  ctx: StoreContext,
  trx: Kysely<Database>,
  monitorId: string,
  deltas: readonly MonitorWindowData[],
  merger: MonitorWindowMerger,
): Promise<void> {
  if (deltas.length === 0) return;
  const pending = foldDeltas(deltas, merger);
  const now = ctx.clock();
  const existing = await lockWindows(ctx, trx, monitorId, [...pending.keys()]);
  const missing: MonitorWindowData[] = [];
  for (const delta of pending.values()) {
    const stored = existing.get(delta.window_start_ms);
    if (stored) await updateWindow(trx, monitorId, stored, delta, merger, now);
    else missing.push(delta);
  }
  if (missing.length === 0) return;
  const done = new Set<number>();
  for (let i = 0; i < missing.length; i += WINDOWS_PER_STATEMENT) {
    const inserted = await trx
      .insertInto("monitor_windows")
      .values(
        missing.slice(i, i + WINDOWS_PER_STATEMENT).map((w) => ({
          monitor_id: monitorId,
          window_start_ms: w.window_start_ms,
          events: w.events,
          profile: toBlob(w.profile),
          sample: toBlob(w.sample),
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["monitor_id", "window_start_ms"]).doNothing())
      .returning("window_start_ms")
      .execute();
    for (const r of inserted) done.add(Number(r.window_start_ms));
  }
  const raced = missing.filter((w) => !done.has(w.window_start_ms));
  if (raced.length === 0) return;
  const nowStored = await lockWindows(ctx, trx, monitorId, raced.map((w) => w.window_start_ms));
  for (const delta of raced) {
    const stored = nowStored.get(delta.window_start_ms);
    // The conflicting row was committed before our insert returned, so it is visible now.
    if (!stored) throw new CairnError("INTERNAL_ERROR", `Window ${delta.window_start_ms} of monitor ${monitorId} conflicted on insert but cannot be read; retry the request.`);
    await updateWindow(trx, monitorId, stored, delta, merger, now);
  }
}

interface WindowRow {
  window_start_ms: number;
  events: number;
  profile: Uint8Array;
  sample: Uint8Array;
}

/** One delta per window, sorted by window start; deltas for the same window are merged first. */
function foldDeltas(deltas: readonly MonitorWindowData[], merger: MonitorWindowMerger): Map<number, MonitorWindowData> {
  const sorted = [...deltas].sort((a, b) => a.window_start_ms - b.window_start_ms);
  const byStart = new Map<number, MonitorWindowData>();
  for (const d of sorted) {
    const seen = byStart.get(d.window_start_ms);
    byStart.set(
      d.window_start_ms,
      seen ? { window_start_ms: d.window_start_ms, events: seen.events + d.events, profile: merger.profile(seen.profile, d.profile), sample: merger.sample(seen.sample, d.sample) } : d,
    );
  }
  return byStart;
}

/** Reads (and on PostgreSQL locks) the stored windows among starts, which are sorted. */
async function lockWindows(ctx: StoreContext, trx: Kysely<Database>, monitorId: string, starts: readonly number[]): Promise<Map<number, WindowRow>> {
  const found = new Map<number, WindowRow>();
  for (let i = 0; i < starts.length; i += WINDOWS_PER_STATEMENT) {
    let query = trx
      .selectFrom("monitor_windows")
      .select(["window_start_ms", "events", "profile", "sample"])
      .where("monitor_id", "=", monitorId)
      .where("window_start_ms", "in", starts.slice(i, i + WINDOWS_PER_STATEMENT))
      .orderBy("window_start_ms");
    if (ctx.d.name === "postgres") query = query.forUpdate();
    for (const r of await query.execute()) found.set(Number(r.window_start_ms), { ...r, window_start_ms: Number(r.window_start_ms), events: Number(r.events) });
  }
  return found;
}

async function updateWindow(trx: Kysely<Database>, monitorId: string, stored: WindowRow, delta: MonitorWindowData, merger: MonitorWindowMerger, now: number): Promise<void> {
  const profile = merger.profile(fromBlob(stored.profile), delta.profile);
  const sample = merger.sample(fromBlob(stored.sample), delta.sample);
  await trx
    .updateTable("monitor_windows")
    .set({ events: stored.events + delta.events, profile: toBlob(profile), sample: toBlob(sample), updated_at: now })
    .where("monitor_id", "=", monitorId)
    .where("window_start_ms", "=", delta.window_start_ms)
    .execute();
}

/** Windows with start in [start_ms, end_ms), oldest first; the sample column is read only when asked for. */
export async function listMonitorWindows(
  ctx: StoreContext,
  monitorId: string,
  input: { start_ms: number; end_ms: number; with_sample: boolean },
): Promise<StoredMonitorWindow[]> {
  if (!Number.isSafeInteger(input.start_ms) || !Number.isSafeInteger(input.end_ms)) {
    throw invalidParameter(`Invalid window range [${String(input.start_ms)}, ${String(input.end_ms)}): give start and end as whole milliseconds since the epoch.`);
  }
  return reading(ctx, async (db) => {
    await requireMonitorById(db, monitorId);
    const base = db
      .selectFrom("monitor_windows")
      .where("monitor_id", "=", monitorId)
      .where("window_start_ms", ">=", input.start_ms)
      .where("window_start_ms", "<", input.end_ms)
      .orderBy("window_start_ms");
    if (input.with_sample) {
      const rows = await base.select(["window_start_ms", "events", "profile", "sample", "updated_at"]).execute();
      return rows.map((r) => ({ ...common(r), sample: fromBlob(r.sample) }));
    }
    const rows = await base.select(["window_start_ms", "events", "profile", "updated_at"]).execute();
    return rows.map(common);
  });
}

function common(r: { window_start_ms: number; events: number; profile: Uint8Array; updated_at: number }): StoredMonitorWindow {
  return { window_start_ms: Number(r.window_start_ms), events: Number(r.events), profile: fromBlob(r.profile), updated_at: Number(r.updated_at) };
}
