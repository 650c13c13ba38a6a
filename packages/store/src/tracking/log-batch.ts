import type { Kysely } from "kysely";
import { invalidParameter, type LogBatchInput, type Metric } from "@cairn/core";
import type { MetricPoint } from "../dialects/dialect.js";
import type { Database, RunRow } from "../schema.js";
import { inTransaction, type StoreContext } from "./context.js";
import { lockRun, refreshRunDocuments } from "./run-documents.js";
import { RUN_NAME_TAG } from "./runs.js";

/**
 * Logs metrics, params and tags to an active run in one transaction: all of it or none of it.
 * Re-logging a param with its existing value is a no-op; with another value it is an error.
 */
export async function logBatch(ctx: StoreContext, runId: string, batch: LogBatchInput): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const run = await lockRun(ctx, trx, runId, { active: true });
    if (batch.params.length > 0) await logParams(trx, runId, batch.params);
    if (batch.tags.length > 0) await logTags(trx, runId, batch.tags);
    if (batch.metrics.length > 0) await logMetrics(ctx, trx, run, batch.metrics);
    await refreshRunDocuments(ctx, trx, { runKey: Number(run.run_key) });
  });
}

async function logParams(trx: Kysely<Database>, runId: string, params: LogBatchInput["params"]): Promise<void> {
  const existing = await trx
    .selectFrom("params")
    .select(["key", "value"])
    .where("run_uuid", "=", runId)
    .where(
      "key",
      "in",
      params.map((p) => p.key),
    )
    .execute();
  const old = new Map(existing.map((p) => [p.key, p.value]));
  const changed = params.filter((p) => old.has(p.key) && old.get(p.key) !== p.value);
  if (changed.length > 0) {
    const detail = changed.map((p) => `'${p.key}' (logged '${old.get(p.key)}', now '${p.value}')`).join(", ");
    throw invalidParameter(`Changing param values is not allowed. Params were already logged with other values for run ID='${runId}': ${detail}. Log the new value under a new key or in a new run.`);
  }
  const fresh = dedupe(params.filter((p) => !old.has(p.key)));
  if (fresh.length > 0) await trx.insertInto("params").values(fresh.map((p) => ({ run_uuid: runId, key: p.key, value: p.value }))).execute();
}

async function logTags(trx: Kysely<Database>, runId: string, tags: LogBatchInput["tags"]): Promise<void> {
  // The last value of a key in the batch wins, as when tags are set one by one.
  const latest = new Map(tags.map((t) => [t.key, t.value]));
  const rows = [...latest].map(([key, value]) => ({ run_uuid: runId, key, value }));
  await trx
    .insertInto("tags")
    .values(rows)
    .onConflict((oc) => oc.columns(["run_uuid", "key"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })))
    .execute();
  const name = latest.get(RUN_NAME_TAG);
  if (name !== undefined) await trx.updateTable("runs").set({ name }).where("run_uuid", "=", runId).execute();
}

async function logMetrics(ctx: StoreContext, trx: Kysely<Database>, run: RunRow, metrics: Metric[]): Promise<void> {
  const runId = run.run_uuid;
  // Points grouped by key: consecutive inserts then land side by side in the primary-key B-tree
  // (a quarter faster than a batch that interleaves keys), and each key's latest point is known.
  const byKey = new Map<string, MetricPoint[]>();
  const latest = new Map<string, MetricPoint>();
  for (const m of metrics) {
    const isNan = Number.isNaN(m.value);
    const p: MetricPoint = { key: m.key, value: isNan ? 0 : m.value, timestamp: m.timestamp, step: m.step, isNan: isNan ? 1 : 0 };
    const group = byKey.get(p.key);
    if (group) group.push(p);
    else byKey.set(p.key, [p]);
    const current = latest.get(p.key);
    if (!current || isLater(p, current)) latest.set(p.key, p);
  }
  await ctx.d.insertMetricPoints(trx, Number(run.run_key), [...byKey.values()].flat());
  await ctx.d.upsertLatestMetrics(trx, runId, [...latest.values()]);
  const forModels = metrics.filter((m) => m.model_id);
  if (forModels.length > 0) await logModelMetrics(trx, runId, Number(run.experiment_id), forModels);
}

async function logModelMetrics(trx: Kysely<Database>, runId: string, experimentId: number, metrics: Metric[]): Promise<void> {
  const modelIds = [...new Set(metrics.map((m) => m.model_id!))];
  const found = await trx.selectFrom("logged_models").select("model_id").where("model_id", "in", modelIds).execute();
  const missing = modelIds.filter((id) => !found.some((f) => f.model_id === id));
  if (missing.length > 0) throw invalidParameter(`Logged model(s) ${missing.join(", ")} do not exist; create them before logging metrics against them.`);
  await trx
    .insertInto("logged_model_metrics")
    .values(
      metrics.map((m) => ({
        model_id: m.model_id!,
        key: m.key,
        value: Number.isNaN(m.value) ? 0 : m.value,
        is_nan: Number.isNaN(m.value) ? 1 : 0,
        timestamp: m.timestamp,
        step: m.step,
        run_uuid: runId,
        experiment_id: experimentId,
        dataset_name: m.dataset_name ?? null,
        dataset_digest: m.dataset_digest ?? null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** MLflow's "latest": the higher step, then the later timestamp, then the larger value. */
function isLater(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

function dedupe<T extends { key: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.key) ? false : (seen.add(item.key), true)));
}
