import {
  ARCHIVABLE_STAGES,
  MODEL_VERSION_STAGES,
  canonicalStage,
  invalidParameter,
  parseModelVersion,
  validateModelName,
  validateRegistryTag,
  type CreateModelVersionInput,
  type ModelVersion,
  type ModelVersionStage,
  type TransitionStageInput,
} from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { latestVersionDocuments } from "./registered-model-json.js";
import { lastValuePerKey } from "./registered-models.js";
import { lockRegisteredModel, requireModelVersion, requireRegisteredModel } from "./registry-rows.js";
import { recordRegistration, resolveOrigin, validateSource } from "./version-origin.js";
import { readModelVersion, refreshVersionDocuments, toModelVersion } from "./version-documents.js";
import { recordWebhookEvent, tagObject } from "../webhooks/outbox.js";

/**
 * Registers the next version of a model, READY at once (Cairn copies nothing). The number comes
 * from the model's last_version counter, updated under the model's row lock: concurrent
 * registrations get 1, 2, 3, ... with no gap and no duplicate, and deleted numbers stay used.
 */
export async function createModelVersion(ctx: StoreContext, input: CreateModelVersionInput): Promise<ModelVersion> {
  validateModelName(input.name);
  validateSource(input.source);
  const tags = lastValuePerKey(input.tags ?? []);
  for (const t of tags) validateRegistryTag(t.key, t.value);
  const { name } = input;
  return inTransaction(ctx, async (trx) => {
    await lockRegisteredModel(ctx, trx, name);
    const origin = await resolveOrigin(trx, input);
    const now = ctx.clock();
    const counter = await trx
      .updateTable("registered_models")
      .set((eb) => ({ last_version: eb("last_version", "+", 1), last_updated_timestamp: now }))
      .where("name", "=", name)
      .returning("last_version")
      .executeTakeFirstOrThrow();
    const version = Number(counter.last_version);
    await trx
      .insertInto("model_versions")
      .values({
        name,
        version,
        creation_timestamp: now,
        last_updated_timestamp: now,
        description: input.description ?? "",
        current_stage: "None",
        source: input.source,
        storage_location: origin.storageLocation,
        run_id: origin.runId,
        run_link: input.run_link ?? "",
        status: "READY",
        status_message: null,
        model_id: input.model_id || null,
        document: "{}",
      })
      .execute();
    if (tags.length > 0) await trx.insertInto("model_version_tags").values(tags.map((t) => ({ name, version, key: t.key, value: t.value }))).execute();
    await refreshVersionDocuments(ctx, trx, name, [version]);
    if (input.model_id) await recordRegistration(ctx, trx, input.model_id, name, version);
    const data = { name, version: String(version), source: input.source, run_id: origin.runId || null, tags: tagObject(tags), description: input.description ?? null };
    await recordWebhookEvent(ctx, trx, { entity: "MODEL_VERSION", action: "CREATED" }, data);
    return readModelVersion(trx, name, version);
  });
}

/** Reads one version with its aliases. */
export async function getModelVersion(ctx: StoreContext, name: string, version: string): Promise<ModelVersion> {
  const number = parseModelVersion(version);
  return reading(ctx, async (db) => {
    await requireModelVersion(db, name, number);
    return readModelVersion(db, name, number);
  });
}

/** Replaces a version's description (undefined keeps it) and marks it updated. */
export async function updateModelVersion(ctx: StoreContext, name: string, version: string, description: string | undefined): Promise<ModelVersion> {
  const number = parseModelVersion(version);
  return inTransaction(ctx, async (trx) => {
    await requireModelVersion(trx, name, number);
    const changes = { last_updated_timestamp: ctx.clock(), ...(description === undefined ? {} : { description }) };
    await trx.updateTable("model_versions").set(changes).where("name", "=", name).where("version", "=", number).execute();
    await refreshVersionDocuments(ctx, trx, name, [number]);
    return readModelVersion(trx, name, number);
  });
}

/** Deletes a version; its tags and the aliases pointing at it go with it (foreign keys). */
export async function deleteModelVersion(ctx: StoreContext, name: string, version: string): Promise<void> {
  const number = parseModelVersion(version);
  await inTransaction(ctx, async (trx) => {
    await lockRegisteredModel(ctx, trx, name);
    await requireModelVersion(trx, name, number);
    await trx.deleteFrom("model_versions").where("name", "=", name).where("version", "=", number).execute();
    await trx.updateTable("registered_models").set({ last_updated_timestamp: ctx.clock() }).where("name", "=", name).execute();
  });
}

/** Moves a version to a stage; archive_existing_versions first archives the other versions in that stage. */
export async function transitionModelVersionStage(ctx: StoreContext, input: TransitionStageInput): Promise<ModelVersion> {
  const move = validateStageTransition(input);
  return inTransaction(ctx, (trx) => transitionStageInTransaction(ctx, trx, move));
}

/** A stage transition with its version parsed and its stage in canonical spelling. */
export interface StageTransition {
  name: string;
  number: number;
  stage: ModelVersionStage;
  archive_existing_versions: boolean;
}

/** Checks a transition's version, stage and archive flag before anything is written. */
export function validateStageTransition(input: TransitionStageInput): StageTransition {
  const number = parseModelVersion(input.version);
  const stage = canonicalStage(input.stage);
  if (input.archive_existing_versions && !ARCHIVABLE_STAGES.includes(stage)) {
    throw invalidParameter(`archive_existing_versions only applies to transitions to ${ARCHIVABLE_STAGES.join(" or ")}, not to '${stage}'.`);
  }
  return { name: input.name, number, stage, archive_existing_versions: input.archive_existing_versions === true };
}

/**
 * The transition inside the caller's transaction (an approval's decision shares it): locks the
 * model, archives the others when asked, moves the version and records MODEL_VERSION events.
 */
export async function transitionStageInTransaction(ctx: StoreContext, trx: Kysely<Database>, move: StageTransition): Promise<ModelVersion> {
  const { name, number, stage } = move;
  await lockRegisteredModel(ctx, trx, name);
  const current = await requireModelVersion(trx, name, number);
  const now = ctx.clock();
  const updated = { entity: "MODEL_VERSION", action: "UPDATED" } as const;
  if (move.archive_existing_versions) {
    const others = await trx.selectFrom("model_versions").select(["version", "current_stage"]).where("name", "=", name).where("current_stage", "=", stage).where("version", "!=", number).execute();
    const numbers = others.map((o) => Number(o.version));
    if (numbers.length > 0) {
      await trx.updateTable("model_versions").set({ current_stage: "Archived", last_updated_timestamp: now }).where("name", "=", name).where("version", "in", numbers).execute();
      await refreshVersionDocuments(ctx, trx, name, numbers);
      for (const o of others) await recordWebhookEvent(ctx, trx, updated, { name, version: String(o.version), from_stage: o.current_stage, to_stage: "Archived" });
    }
  }
  await trx.updateTable("model_versions").set({ current_stage: stage, last_updated_timestamp: now }).where("name", "=", name).where("version", "=", number).execute();
  await trx.updateTable("registered_models").set({ last_updated_timestamp: now }).where("name", "=", name).execute();
  await refreshVersionDocuments(ctx, trx, name, [number]);
  await recordWebhookEvent(ctx, trx, updated, { name, version: String(number), from_stage: current.current_stage, to_stage: stage });
  return readModelVersion(trx, name, number);
}

/** The newest version in each requested stage (every stage when none are given), with aliases. */
export async function getLatestVersions(ctx: StoreContext, name: string, stages?: readonly string[]): Promise<ModelVersion[]> {
  const wanted: readonly ModelVersionStage[] = stages && stages.length > 0 ? [...new Set(stages.map(canonicalStage))] : MODEL_VERSION_STAGES;
  return reading(ctx, async (db) => {
    await requireRegisteredModel(db, name);
    const [latest, aliases] = await Promise.all([
      latestVersionDocuments(db, [name], wanted),
      db.selectFrom("registered_model_aliases").select(["alias", "version"]).where("name", "=", name).orderBy("alias").execute(),
    ]);
    return latest.map((v) => toModelVersion(v.document, aliases.filter((a) => Number(a.version) === v.version).map((a) => a.alias)));
  });
}

/** Where a version's files are: the logged model's or referenced version's location, else its source. */
export async function getModelVersionDownloadUri(ctx: StoreContext, name: string, version: string): Promise<string> {
  const number = parseModelVersion(version);
  return reading(ctx, async (db) => {
    const row = await requireModelVersion(db, name, number);
    return row.storage_location ?? row.source;
  });
}
