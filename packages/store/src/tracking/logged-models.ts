import type { Kysely } from "kysely";
import {
  CairnError,
  LIMITS,
  LOGGED_MODEL_SEARCH,
  nextOffsetToken,
  offsetFromToken,
  notFound,
  parseFilter,
  parseOrderField,
  type CreateLoggedModelInput,
  type KeyValue,
  type LoggedModel,
  type LoggedModelStatus,
  type Metric,
  type Page,
  type Param,
  type SearchLoggedModelsInput,
} from "@cairn/core";
import type { Database, LoggedModelsTable } from "../schema.js";
import { inTransaction, parseExperimentId, reading, type StoreContext } from "./context.js";
import { requireActiveExperiment } from "./experiments.js";
import { compileFilter, loggedModelColumns, orderByTerms } from "./filter-sql.js";
import { requireRun } from "./runs.js";

/** Creates a PENDING logged model (MLflow 3) under an active experiment. */
export async function createLoggedModel(ctx: StoreContext, input: CreateLoggedModelInput): Promise<LoggedModel> {
  const modelId = `m-${ctx.newId()}`;
  await inTransaction(ctx, async (trx) => {
    const experiment = await requireActiveExperiment(trx, input.experiment_id);
    if (input.source_run_id) await requireRun(trx, input.source_run_id);
    const now = ctx.clock();
    await trx
      .insertInto("logged_models")
      .values({
        model_id: modelId,
        experiment_id: experiment.experiment_id,
        name: input.name || modelId,
        artifact_location: `${experiment.artifact_location}/models/${modelId}/artifacts`,
        creation_timestamp_ms: now,
        last_updated_timestamp_ms: now,
        status: "LOGGED_MODEL_PENDING",
        status_message: null,
        lifecycle_stage: "active",
        model_type: input.model_type ?? "",
        source_run_id: input.source_run_id || null,
      })
      .execute();
    await upsertKeyValues(trx, "logged_model_params", modelId, input.params ?? []);
    await upsertKeyValues(trx, "logged_model_tags", modelId, input.tags ?? []);
  });
  return getLoggedModel(ctx, modelId);
}

/** Reads one logged model with its tags, params and metrics. */
export async function getLoggedModel(ctx: StoreContext, modelId: string): Promise<LoggedModel> {
  return reading(ctx, async (db) => {
    const row = await requireLoggedModel(db, modelId);
    return (await hydrate(db, [row]))[0]!;
  });
}

/** Sets the final status (READY or UPLOAD_FAILED) of a logged model. */
export async function finalizeLoggedModel(ctx: StoreContext, modelId: string, status: LoggedModelStatus): Promise<LoggedModel> {
  if (status !== "LOGGED_MODEL_READY" && status !== "LOGGED_MODEL_UPLOAD_FAILED") {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid status '${status}': finalize a logged model with LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.`);
  }
  await inTransaction(ctx, async (trx) => {
    await requireLoggedModel(trx, modelId);
    await trx.updateTable("logged_models").set({ status, last_updated_timestamp_ms: ctx.clock() }).where("model_id", "=", modelId).execute();
  });
  return getLoggedModel(ctx, modelId);
}

/** Soft-deletes a logged model; it no longer appears in get or search. */
export async function deleteLoggedModel(ctx: StoreContext, modelId: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await requireLoggedModel(trx, modelId);
    await trx.updateTable("logged_models").set({ lifecycle_stage: "deleted", last_updated_timestamp_ms: ctx.clock() }).where("model_id", "=", modelId).execute();
  });
}

/** Sets tags on a logged model, replacing existing values. */
export async function setLoggedModelTags(ctx: StoreContext, modelId: string, tags: KeyValue[]): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await requireLoggedModel(trx, modelId);
    await upsertKeyValues(trx, "logged_model_tags", modelId, tags);
  });
}

/** Deletes one tag of a logged model. */
export async function deleteLoggedModelTag(ctx: StoreContext, modelId: string, key: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await requireLoggedModel(trx, modelId);
    const result = await trx.deleteFrom("logged_model_tags").where("model_id", "=", modelId).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(`No tag with key '${key}' on logged model '${modelId}'.`);
  });
}

/** Logs params on a logged model. */
export async function logLoggedModelParams(ctx: StoreContext, modelId: string, params: Param[]): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await requireLoggedModel(trx, modelId);
    await upsertKeyValues(trx, "logged_model_params", modelId, params);
  });
}

/** Searches logged models with MLflow's grammar, optionally scoping metric filters to datasets. */
export async function searchLoggedModels(ctx: StoreContext, input: SearchLoggedModelsInput): Promise<Page<LoggedModel>> {
  const filter = parseFilter(input.filter, LOGGED_MODEL_SEARCH);
  const orderBy = (input.order_by ?? []).map((o) => parseOrderField(o.field_name, o.ascending ?? true, LOGGED_MODEL_SEARCH));
  const offset = offsetFromToken(input.page_token);
  const experimentIds = input.experiment_ids.map(parseExperimentId).filter((id) => id >= 0);
  if (experimentIds.length === 0) return { items: [] };
  const columns = loggedModelColumns("lm", input.datasets);
  const max = input.max_results || LIMITS.searchLoggedModelsDefault;
  return reading(ctx, async (db) => {
    let query = db.selectFrom("logged_models as lm").selectAll("lm").where("lm.experiment_id", "in", experimentIds).where("lm.lifecycle_stage", "=", "active");
    if (filter) query = query.where(compileFilter(ctx.d, filter, columns));
    for (const term of orderByTerms(ctx.d, orderBy, columns)) query = query.orderBy(term);
    const rows = await query.orderBy("lm.creation_timestamp_ms", "desc").orderBy("lm.model_id").limit(max + 1).offset(offset).execute();
    const items = await hydrate(db, rows.slice(0, max));
    const next_page_token = nextOffsetToken(rows.length, offset, max);
    return next_page_token ? { items, next_page_token } : { items };
  });
}

async function requireLoggedModel(db: Kysely<Database>, modelId: string): Promise<LoggedModelsTable> {
  const row = await db.selectFrom("logged_models").selectAll().where("model_id", "=", modelId).where("lifecycle_stage", "=", "active").executeTakeFirst();
  if (!row) throw notFound(`Logged model with ID '${modelId}' not found.`);
  return row;
}

async function upsertKeyValues(
  trx: Kysely<Database>,
  table: "logged_model_tags" | "logged_model_params",
  modelId: string,
  items: KeyValue[],
): Promise<void> {
  if (items.length === 0) return;
  const latest = new Map(items.map((i) => [i.key, i.value]));
  await trx
    .insertInto(table)
    .values([...latest].map(([key, value]) => ({ model_id: modelId, key, value })))
    .onConflict((oc) => oc.columns(["model_id", "key"]).doUpdateSet((eb) => ({ value: eb.ref("excluded.value") })))
    .execute();
}

async function hydrate(db: Kysely<Database>, rows: LoggedModelsTable[]): Promise<LoggedModel[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.model_id);
  const [tags, params, metrics] = await Promise.all([
    db.selectFrom("logged_model_tags").selectAll().where("model_id", "in", ids).orderBy("key").execute(),
    db.selectFrom("logged_model_params").selectAll().where("model_id", "in", ids).orderBy("key").execute(),
    db.selectFrom("logged_model_metrics").selectAll().where("model_id", "in", ids).orderBy("key").orderBy("step").orderBy("timestamp").execute(),
  ]);
  return rows.map((r) => {
    const model: LoggedModel = {
      info: {
        model_id: r.model_id,
        experiment_id: String(r.experiment_id),
        name: r.name,
        artifact_uri: r.artifact_location,
        creation_timestamp_ms: Number(r.creation_timestamp_ms),
        last_updated_timestamp_ms: Number(r.last_updated_timestamp_ms),
        status: r.status as LoggedModelStatus,
        model_type: r.model_type,
        // MLflow answers "" for a model logged outside a run; clients read that as "no run".
        source_run_id: r.source_run_id ?? "",
      },
      data: {},
    };
    if (r.status_message) model.info.status_message = r.status_message;
    const modelTags = tags.filter((t) => t.model_id === r.model_id).map((t) => ({ key: t.key, value: t.value }));
    if (modelTags.length > 0) model.info.tags = modelTags;
    const modelParams = params.filter((p) => p.model_id === r.model_id).map((p) => ({ key: p.key, value: p.value }));
    if (modelParams.length > 0) model.data.params = modelParams;
    const modelMetrics: Metric[] = metrics
      .filter((m) => m.model_id === r.model_id)
      .map((m) => {
        const metric: Metric = { key: m.key, value: m.is_nan ? Number.NaN : m.value, timestamp: Number(m.timestamp), step: Number(m.step), run_id: m.run_uuid, model_id: m.model_id };
        if (m.dataset_name) metric.dataset_name = m.dataset_name;
        if (m.dataset_digest) metric.dataset_digest = m.dataset_digest;
        return metric;
      });
    if (modelMetrics.length > 0) model.data.metrics = modelMetrics;
    return model;
  });
}
