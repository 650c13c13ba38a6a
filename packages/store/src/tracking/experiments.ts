import { sql, type Kysely } from "kysely";
import {
  CairnError,
  EXPERIMENT_SEARCH,
  nextOffsetToken,
  offsetFromToken,
  notFound,
  parseFilter,
  parseOrderBy,
  type CreateExperimentInput,
  type Experiment,
  type KeyValue,
  type Page,
  type SearchExperimentsInput,
} from "@cairn/core";
import { readableBy } from "../auth/read-scope.js";
import type { Database, ExperimentRow } from "../schema.js";
import { inTransaction, parseExperimentId, reading, type StoreContext } from "./context.js";
import { compileFilter, experimentColumns, orderByTerms } from "./filter-sql.js";
import { refreshRunDocuments } from "./run-documents.js";
import { lifecycleCondition } from "./view-type.js";

/** Creates an experiment; its artifact location defaults to <root>/<id>. */
export async function createExperiment(ctx: StoreContext, input: CreateExperimentInput): Promise<string> {
  const now = ctx.clock();
  try {
    return await inTransaction(ctx, async (trx) => {
      const row = await trx
        .insertInto("experiments")
        .values({ name: input.name, artifact_location: input.artifact_location ?? "", lifecycle_stage: "active", creation_time: now, last_update_time: now })
        .returning("experiment_id")
        .executeTakeFirstOrThrow();
      const id = String(row.experiment_id);
      if (!input.artifact_location) {
        await trx.updateTable("experiments").set({ artifact_location: `${ctx.artifactRoot}/${id}` }).where("experiment_id", "=", row.experiment_id).execute();
      }
      if (input.tags && input.tags.length > 0) {
        await trx.insertInto("experiment_tags").values(input.tags.map((t) => ({ experiment_id: row.experiment_id, key: t.key, value: t.value }))).execute();
      }
      return id;
    });
  } catch (error) {
    if (error instanceof CairnError && error.code === "RESOURCE_ALREADY_EXISTS") {
      throw new CairnError("RESOURCE_ALREADY_EXISTS", `Experiment(name=${input.name}) already exists. Choose another name or use the existing experiment.`, { cause: error });
    }
    throw error;
  }
}

/** Makes sure experiment 0, "Default", exists, as MLflow clients expect. */
export async function ensureDefaultExperiment(ctx: StoreContext): Promise<void> {
  const now = ctx.clock();
  await ctx.d.db
    .insertInto("experiments")
    .values({ experiment_id: 0, name: "Default", artifact_location: `${ctx.artifactRoot}/0`, lifecycle_stage: "active", creation_time: now, last_update_time: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Reads one experiment with its tags. */
export async function getExperiment(ctx: StoreContext, experimentId: string): Promise<Experiment> {
  return reading(ctx, async (db) => {
    const row = await db.selectFrom("experiments").selectAll().where("experiment_id", "=", parseExperimentId(experimentId)).executeTakeFirst();
    if (!row) throw notFound(`No Experiment with id=${experimentId} exists`);
    return (await withTags(db, [row]))[0]!;
  });
}

/** Reads one experiment by its unique name. */
export async function getExperimentByName(ctx: StoreContext, name: string): Promise<Experiment> {
  return reading(ctx, async (db) => {
    const row = await db.selectFrom("experiments").selectAll().where("name", "=", name).executeTakeFirst();
    if (!row) throw notFound(`Could not find experiment with name '${name}'`);
    return (await withTags(db, [row]))[0]!;
  });
}

/** Searches experiments with MLflow's filter and order_by grammar, offset-paginated. */
export async function searchExperiments(ctx: StoreContext, input: SearchExperimentsInput): Promise<Page<Experiment>> {
  const filter = parseFilter(input.filter, EXPERIMENT_SEARCH);
  const orderBy = parseOrderBy(input.order_by, EXPERIMENT_SEARCH);
  const offset = offsetFromToken(input.page_token);
  return reading(ctx, async (db) => {
    let query = db.selectFrom("experiments as e").selectAll("e").where(lifecycleCondition("e", input.view_type));
    if (filter) query = query.where(compileFilter(ctx.d, filter, experimentColumns("e")));
    if (input.readable_by) query = query.where(readableBy(input.readable_by, "experiment", sql.ref("e.experiment_id"), { integerId: true }));
    for (const term of orderByTerms(ctx.d, orderBy, experimentColumns("e"))) query = query.orderBy(term);
    query = query.orderBy("e.experiment_id", "asc").limit(input.max_results + 1).offset(offset);
    const rows = await query.execute();
    const page = rows.slice(0, input.max_results);
    const items = await withTags(db, page);
    const next_page_token = nextOffsetToken(rows.length, offset, input.max_results);
    return next_page_token ? { items, next_page_token } : { items };
  });
}

/** Renames an experiment; the new name must be free. */
export async function renameExperiment(ctx: StoreContext, experimentId: string, newName: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await requireExperiment(trx, experimentId);
    if (row.lifecycle_stage !== "active") throw new CairnError("INVALID_STATE", `Cannot rename experiment ${experimentId}: it is deleted. Restore it first.`);
    const taken = await trx.selectFrom("experiments").select("experiment_id").where("name", "=", newName).executeTakeFirst();
    if (taken && String(taken.experiment_id) !== experimentId) {
      throw new CairnError("RESOURCE_ALREADY_EXISTS", `Experiment(name=${newName}) already exists. Choose another name.`);
    }
    await trx.updateTable("experiments").set({ name: newName, last_update_time: ctx.clock() }).where("experiment_id", "=", row.experiment_id).execute();
  });
}

/** Marks an experiment and its runs deleted (MLflow's soft delete). */
export async function setExperimentLifecycle(ctx: StoreContext, experimentId: string, stage: "active" | "deleted"): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await requireExperiment(trx, experimentId);
    if (stage === "deleted" && row.experiment_id === 0) {
      throw new CairnError("INVALID_PARAMETER_VALUE", "Cannot delete the default experiment '0'. Delete its runs instead.");
    }
    const now = ctx.clock();
    await trx.updateTable("experiments").set({ lifecycle_stage: stage, last_update_time: now }).where("experiment_id", "=", row.experiment_id).execute();
    await trx
      .updateTable("runs")
      .set({ lifecycle_stage: stage, deleted_time: stage === "deleted" ? now : null })
      .where("experiment_id", "=", row.experiment_id)
      .where("lifecycle_stage", "=", stage === "deleted" ? "active" : "deleted")
      .execute();
    await refreshRunDocuments(ctx, trx, { experimentId: row.experiment_id });
  });
}

/** Sets (inserts or replaces) one experiment tag. */
export async function setExperimentTag(ctx: StoreContext, experimentId: string, tag: KeyValue): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await requireActiveExperiment(trx, experimentId);
    await trx
      .insertInto("experiment_tags")
      .values({ experiment_id: row.experiment_id, key: tag.key, value: tag.value })
      .onConflict((oc) => oc.columns(["experiment_id", "key"]).doUpdateSet({ value: tag.value }))
      .execute();
  });
}

/** Deletes one experiment tag; a missing tag is an error, as in MLflow. */
export async function deleteExperimentTag(ctx: StoreContext, experimentId: string, key: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await requireActiveExperiment(trx, experimentId);
    const result = await trx.deleteFrom("experiment_tags").where("experiment_id", "=", row.experiment_id).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(`No tag with name: ${key} in experiment with id ${experimentId}`);
  });
}

/** Loads an experiment row or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireExperiment(db: Kysely<Database>, experimentId: string): Promise<ExperimentRow> {
  const row = await db.selectFrom("experiments").selectAll().where("experiment_id", "=", parseExperimentId(experimentId)).executeTakeFirst();
  if (!row) throw notFound(`No Experiment with id=${experimentId} exists`);
  return row;
}

/** Loads an experiment that must be active (writes into deleted experiments are refused). */
export async function requireActiveExperiment(db: Kysely<Database>, experimentId: string): Promise<ExperimentRow> {
  const row = await requireExperiment(db, experimentId);
  if (row.lifecycle_stage !== "active") {
    throw new CairnError("INVALID_STATE", `The experiment ${experimentId} must be in the 'active' state; it is deleted. Restore it first.`);
  }
  return row;
}

async function withTags(db: Kysely<Database>, rows: ExperimentRow[]): Promise<Experiment[]> {
  if (rows.length === 0) return [];
  const tags = await db
    .selectFrom("experiment_tags")
    .select(["experiment_id", "key", "value"])
    .where("experiment_id", "in", rows.map((r) => r.experiment_id))
    .orderBy("key")
    .execute();
  const byExperiment = new Map<number, KeyValue[]>();
  for (const t of tags) {
    const id = Number(t.experiment_id);
    const list = byExperiment.get(id) ?? [];
    list.push({ key: t.key, value: t.value });
    byExperiment.set(id, list);
  }
  return rows.map((r) => {
    const experiment: Experiment = {
      experiment_id: String(r.experiment_id),
      name: r.name,
      artifact_location: r.artifact_location,
      lifecycle_stage: r.lifecycle_stage as Experiment["lifecycle_stage"],
      creation_time: Number(r.creation_time),
      last_update_time: Number(r.last_update_time),
    };
    const t = byExperiment.get(Number(r.experiment_id));
    if (t) experiment.tags = t;
    return experiment;
  });
}

