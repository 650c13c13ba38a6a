import { sql, type Kysely } from "kysely";
import {
  notFound,
  type CreateRunInput,
  type DatasetInput,
  type JsonText,
  type Run,
  type RunInfo,
  type UpdateRunInput,
} from "@cairn/core";
import type { Database, RunRow, RunsTable } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "./context.js";
import { requireActiveExperiment } from "./experiments.js";
import { lockRun, refreshRunDocuments } from "./run-documents.js";

/** MLflow keeps the run name in a tag too; clients read either. */
export const RUN_NAME_TAG = "mlflow.runName";

/** Creates a RUNNING run in an active experiment and returns it as MLflow's Run JSON. */
export async function createRun(ctx: StoreContext, input: CreateRunInput): Promise<JsonText<Run>> {
  const runId = ctx.newId();
  await inTransaction(ctx, async (trx) => {
    const experiment = await requireActiveExperiment(trx, input.experiment_id);
    const tagName = input.tags?.find((t) => t.key === RUN_NAME_TAG)?.value;
    const name = input.run_name || tagName || generateRunName(runId);
    const { run_key: runKey } = await trx
      .insertInto("runs")
      .values({
        run_uuid: runId,
        experiment_id: experiment.experiment_id,
        name,
        user_id: input.user_id,
        status: "RUNNING",
        start_time: input.start_time,
        end_time: null,
        lifecycle_stage: "active",
        artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
        deleted_time: null,
      })
      .returning("run_key")
      .executeTakeFirstOrThrow();
    const tags = (input.tags ?? []).filter((t) => t.key !== RUN_NAME_TAG);
    tags.push({ key: RUN_NAME_TAG, value: name });
    await trx.insertInto("tags").values(tags.map((t) => ({ run_uuid: runId, key: t.key, value: t.value }))).execute();
    await refreshRunDocuments(ctx, trx, { runKey: Number(runKey) });
  });
  return getRun(ctx, runId);
}

/** Reads one run (deleted runs too) as MLflow's Run JSON. */
export async function getRun(ctx: StoreContext, runId: string): Promise<JsonText<Run>> {
  return reading(ctx, async (db) => {
    const row = await db
      .selectFrom("runs as r")
      .innerJoin("run_documents as d", "d.run_key", "r.run_key")
      .select(ctx.d.jsonOut(sql.ref("d.json")).as("json"))
      .where("r.run_uuid", "=", runId)
      .executeTakeFirst();
    if (!row) throw notFound(`Run with id=${runId} not found`);
    return row.json as JsonText<Run>;
  });
}

/** Updates status, end time or name; the name is mirrored into the mlflow.runName tag. */
export async function updateRun(ctx: StoreContext, input: UpdateRunInput): Promise<RunInfo> {
  return inTransaction(ctx, async (trx) => {
    const run = await lockRun(ctx, trx, input.run_id, { active: true });
    const changes: Partial<Omit<RunsTable, "run_key">> = {};
    if (input.status !== undefined) changes.status = input.status;
    if (input.end_time !== undefined) changes.end_time = input.end_time;
    if (input.run_name) changes.name = input.run_name;
    if (Object.keys(changes).length > 0) {
      await trx.updateTable("runs").set(changes).where("run_uuid", "=", run.run_uuid).execute();
    }
    if (input.run_name) await upsertTag(trx, run.run_uuid, RUN_NAME_TAG, input.run_name);
    await refreshRunDocuments(ctx, trx, { runKey: Number(run.run_key) });
    return toRunInfo({ ...run, ...changes });
  });
}

/** Soft-deletes or restores a run (MLflow's lifecycle_stage). */
export async function setRunLifecycle(ctx: StoreContext, runId: string, stage: "active" | "deleted"): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const run = await lockRun(ctx, trx, runId, { active: false });
    if (stage === "active" && run.lifecycle_stage === "active") return;
    await trx
      .updateTable("runs")
      .set({ lifecycle_stage: stage, deleted_time: stage === "deleted" ? ctx.clock() : null })
      .where("run_uuid", "=", runId)
      .execute();
    await refreshRunDocuments(ctx, trx, { runKey: Number(run.run_key) });
  });
}

/** Deletes a run tag; a tag the run does not have is an error, as in MLflow. */
export async function deleteTag(ctx: StoreContext, runId: string, key: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const run = await lockRun(ctx, trx, runId, { active: true });
    const result = await trx.deleteFrom("tags").where("run_uuid", "=", runId).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
    await refreshRunDocuments(ctx, trx, { runKey: Number(run.run_key) });
  });
}

/** Records dataset inputs (deduplicated per experiment by name and digest) and model inputs. */
export async function logInputs(ctx: StoreContext, runId: string, inputs: DatasetInput[], modelIds: string[]): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const run = await lockRun(ctx, trx, runId, { active: true });
    for (const input of inputs) {
      const ds = input.dataset;
      let existing = await trx
        .selectFrom("datasets")
        .select("dataset_uuid")
        .where("experiment_id", "=", run.experiment_id)
        .where("name", "=", ds.name)
        .where("digest", "=", ds.digest)
        .executeTakeFirst();
      if (!existing) {
        existing = { dataset_uuid: ctx.newId() };
        await trx
          .insertInto("datasets")
          .values({
            dataset_uuid: existing.dataset_uuid,
            experiment_id: run.experiment_id,
            name: ds.name,
            digest: ds.digest,
            source_type: ds.source_type,
            source: ds.source,
            schema: ds.schema ?? null,
            profile: ds.profile ?? null,
          })
          .execute();
      }
      const datasetId = existing.dataset_uuid;
      await trx.insertInto("run_inputs").values({ run_uuid: runId, dataset_uuid: datasetId }).onConflict((oc) => oc.doNothing()).execute();
      for (const tag of input.tags ?? []) {
        await trx
          .insertInto("input_tags")
          .values({ run_uuid: runId, dataset_uuid: datasetId, key: tag.key, value: tag.value })
          .onConflict((oc) => oc.columns(["run_uuid", "dataset_uuid", "key"]).doUpdateSet({ value: tag.value }))
          .execute();
      }
    }
    for (const modelId of modelIds) {
      await requireLoggedModel(trx, modelId);
      await trx.insertInto("run_model_inputs").values({ run_uuid: runId, model_id: modelId }).onConflict((oc) => oc.doNothing()).execute();
    }
    await refreshRunDocuments(ctx, trx, { runKey: Number(run.run_key) });
  });
}

/** Records logged models as outputs of a run at a step. */
export async function logOutputs(ctx: StoreContext, runId: string, models: { model_id: string; step: number }[]): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const run = await lockRun(ctx, trx, runId, { active: true });
    for (const m of models) {
      await requireLoggedModel(trx, m.model_id);
      await trx
        .insertInto("run_model_outputs")
        .values({ run_uuid: runId, model_id: m.model_id, step: m.step })
        .onConflict((oc) => oc.columns(["run_uuid", "model_id"]).doUpdateSet({ step: m.step }))
        .execute();
    }
    await refreshRunDocuments(ctx, trx, { runKey: Number(run.run_key) });
  });
}

/** Loads a run row or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireRun(db: Kysely<Database>, runId: string): Promise<RunRow> {
  const run = await db.selectFrom("runs").selectAll().where("run_uuid", "=", runId).executeTakeFirst();
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

/** Inserts or replaces one run tag. */
async function upsertTag(db: Kysely<Database>, runId: string, key: string, value: string): Promise<void> {
  await db
    .insertInto("tags")
    .values({ run_uuid: runId, key, value })
    .onConflict((oc) => oc.columns(["run_uuid", "key"]).doUpdateSet({ value }))
    .execute();
}

async function requireLoggedModel(db: Kysely<Database>, modelId: string): Promise<void> {
  const row = await db.selectFrom("logged_models").select("model_id").where("model_id", "=", modelId).executeTakeFirst();
  if (!row) throw notFound(`Logged model with ID '${modelId}' not found.`);
}

/** Maps a runs row onto MLflow's RunInfo. */
function toRunInfo(r: RunRow): RunInfo {
  const info: RunInfo = {
    run_id: r.run_uuid,
    run_uuid: r.run_uuid,
    run_name: r.name,
    experiment_id: String(r.experiment_id),
    user_id: r.user_id,
    status: r.status as RunInfo["status"],
    start_time: Number(r.start_time),
    artifact_uri: r.artifact_uri,
    lifecycle_stage: r.lifecycle_stage as RunInfo["lifecycle_stage"],
  };
  if (r.end_time !== null) info.end_time = Number(r.end_time);
  return info;
}

// MLflow names unnamed runs with an adjective-noun-number triple; Cairn derives one from the id
// so that names are stable and need no random source beyond the injected id generator.
const ADJECTIVES = ["amber", "bold", "calm", "deft", "eager", "fleet", "gentle", "hardy", "keen", "lucid", "merry", "noble", "quiet", "rapid", "sunny", "tidy"];
const NOUNS = ["badger", "crane", "dingo", "egret", "falcon", "gecko", "heron", "ibis", "jackal", "koala", "lemur", "marten", "newt", "otter", "puffin", "quail"];

/** A readable default run name derived from the run id. */
function generateRunName(runId: string): string {
  const n = Number.parseInt(runId.slice(0, 8), 16) || 0;
  return `${ADJECTIVES[n % 16]}-${NOUNS[(n >> 4) % 16]}-${(n >> 8) % 1000}`;
}

