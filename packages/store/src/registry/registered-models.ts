import {
  CairnError,
  isCairnError,
  validateModelName,
  validateRegistryTag,
  type CreateRegisteredModelInput,
  type KeyValue,
  type RegisteredModel,
} from "@cairn/core";
import { deleteGrantsOn, renameGrants } from "../auth/resource-grants.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { toRegisteredModels } from "./registered-model-json.js";
import { lockRegisteredModel, requireRegisteredModel } from "./registry-rows.js";
import { refreshVersionDocuments } from "./version-documents.js";
import { recordWebhookEvent, tagObject } from "../webhooks/outbox.js";

/** Creates a registered model with its tags and description; the name must be free. */
export async function createRegisteredModel(ctx: StoreContext, input: CreateRegisteredModelInput): Promise<RegisteredModel> {
  validateModelName(input.name);
  const tags = lastValuePerKey(input.tags ?? []);
  for (const t of tags) validateRegistryTag(t.key, t.value);
  const now = ctx.clock();
  return nameConflict(input.name, () =>
    inTransaction(ctx, async (trx) => {
      const row = { name: input.name, creation_timestamp: now, last_updated_timestamp: now, description: input.description ?? "", last_version: 0 };
      await trx.insertInto("registered_models").values(row).execute();
      if (tags.length > 0) await trx.insertInto("registered_model_tags").values(tags.map((t) => ({ name: input.name, key: t.key, value: t.value }))).execute();
      const data = { name: input.name, tags: tagObject(tags), description: input.description ?? null };
      await recordWebhookEvent(ctx, trx, { entity: "REGISTERED_MODEL", action: "CREATED" }, data);
      return (await toRegisteredModels(trx, [row]))[0]!;
    }),
  );
}

/** Reads one registered model with its tags, aliases and latest version per stage. */
export async function getRegisteredModel(ctx: StoreContext, name: string): Promise<RegisteredModel> {
  return reading(ctx, async (db) => (await toRegisteredModels(db, [await requireRegisteredModel(db, name)]))[0]!);
}

/** Replaces a registered model's description (undefined keeps it) and marks it updated. */
export async function updateRegisteredModel(ctx: StoreContext, name: string, description: string | undefined): Promise<RegisteredModel> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockRegisteredModel(ctx, trx, name);
    const changes = { last_updated_timestamp: ctx.clock(), ...(description === undefined ? {} : { description }) };
    await trx.updateTable("registered_models").set(changes).where("name", "=", name).execute();
    return (await toRegisteredModels(trx, [{ ...row, ...changes }]))[0]!;
  });
}

/**
 * Renames a registered model. The foreign keys carry the new name to versions, tags and aliases;
 * the versions are marked updated, as MLflow does, and their documents rebuilt with the new name.
 */
export async function renameRegisteredModel(ctx: StoreContext, name: string, newName: string): Promise<RegisteredModel> {
  validateModelName(newName, "new_name");
  return nameConflict(newName, () =>
    inTransaction(ctx, async (trx) => {
      const row = await lockRegisteredModel(ctx, trx, name);
      if (newName !== name) {
        const taken = await trx.selectFrom("registered_models").select("name").where("name", "=", newName).executeTakeFirst();
        if (taken) throw alreadyExists(newName);
      }
      const now = ctx.clock();
      await trx.updateTable("registered_models").set({ name: newName, last_updated_timestamp: now }).where("name", "=", name).execute();
      await trx.updateTable("model_versions").set({ last_updated_timestamp: now }).where("name", "=", newName).execute();
      await refreshVersionDocuments(ctx, trx, newName);
      await renameGrants(trx, "registered_model", name, newName);
      // Retirement policies name their model without a foreign key (a null name means every model).
      await trx.updateTable("retirement_policies").set({ model_name: newName }).where("model_name", "=", name).execute();
      return (await toRegisteredModels(trx, [{ ...row, name: newName, last_updated_timestamp: now }]))[0]!;
    }),
  );
}

/** Deletes a registered model; the foreign keys delete its versions, tags and aliases with it. */
export async function deleteRegisteredModel(ctx: StoreContext, name: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await lockRegisteredModel(ctx, trx, name);
    await trx.deleteFrom("registered_models").where("name", "=", name).execute();
    await deleteGrantsOn(trx, "registered_model", name);
    await trx.deleteFrom("retirement_policies").where("model_name", "=", name).execute();
  });
}

/** MLflow keeps the last value when a request repeats a tag key; so does Cairn, in one insert. */
export function lastValuePerKey(tags: readonly { key: string; value?: string }[]): KeyValue[] {
  return [...new Map(tags.map((t) => [t.key, t.value ?? ""])).entries()].map(([key, value]) => ({ key, value }));
}

function alreadyExists(name: string, cause?: unknown): CairnError {
  return new CairnError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${name}) already exists. Choose another name or use the existing model.`, { cause });
}

/** A unique violation (two writers racing for one name) becomes MLflow's message for a taken name. */
async function nameConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS" && !error.message.startsWith("Registered Model")) throw alreadyExists(name, error);
    throw error;
  }
}
