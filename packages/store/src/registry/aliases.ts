import type { Kysely } from "kysely";
import { isLatestAlias, notFound, parseModelVersion, validateAliasName, validateNewAlias, type ModelVersion } from "@cairn/core";
import type { Database } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { requireModelVersion, requireRegisteredModel } from "./registry-rows.js";
import { readModelVersion } from "./version-documents.js";
import { recordWebhookEvent } from "../webhooks/outbox.js";

/** Points an alias at a version; an alias that pointed elsewhere moves in the same statement. */
export async function setRegisteredModelAlias(ctx: StoreContext, name: string, alias: string, version: string): Promise<void> {
  validateNewAlias(alias);
  const number = parseModelVersion(version);
  await inTransaction(ctx, (trx) => setAliasInTransaction(ctx, trx, name, alias, number));
}

/**
 * The alias move inside the caller's transaction (an approval's decision shares it): the version
 * must exist; records the MODEL_VERSION_ALIAS event. The alias is already validated.
 */
export async function setAliasInTransaction(ctx: StoreContext, trx: Kysely<Database>, name: string, alias: string, number: number): Promise<void> {
  await requireModelVersion(trx, name, number);
  await trx
    .insertInto("registered_model_aliases")
    .values({ name, alias, version: number })
    .onConflict((oc) => oc.columns(["name", "alias"]).doUpdateSet({ version: number }))
    .execute();
  await recordWebhookEvent(ctx, trx, { entity: "MODEL_VERSION_ALIAS", action: "CREATED" }, { name, alias, version: String(number) });
}

/** Removes an alias; one the model does not have is not an error, as in MLflow. */
export async function deleteRegisteredModelAlias(ctx: StoreContext, name: string, alias: string): Promise<void> {
  validateAliasName(alias);
  await inTransaction(ctx, async (trx) => {
    await requireRegisteredModel(trx, name);
    await trx.deleteFrom("registered_model_aliases").where("name", "=", name).where("alias", "=", alias).execute();
    await recordWebhookEvent(ctx, trx, { entity: "MODEL_VERSION_ALIAS", action: "DELETED" }, { name, alias });
  });
}

/**
 * The version an alias points at, with all of its aliases; "latest" (any case) is the newest
 * version. An unknown alias is RESOURCE_DOES_NOT_EXIST (MLflow says INVALID_PARAMETER_VALUE
 * until the version is deleted and RESOURCE_DOES_NOT_EXIST after; clients accept both).
 */
export async function getModelVersionByAlias(ctx: StoreContext, name: string, alias: string): Promise<ModelVersion> {
  validateAliasName(alias);
  return reading(ctx, async (db) => {
    await requireRegisteredModel(db, name);
    if (isLatestAlias(alias)) {
      const newest = await db.selectFrom("model_versions").select("version").where("name", "=", name).orderBy("version", "desc").limit(1).executeTakeFirst();
      if (!newest) throw notFound(`Registered model '${name}' has no versions, so it has no latest version.`);
      return readModelVersion(db, name, Number(newest.version));
    }
    const row = await db.selectFrom("registered_model_aliases").select("version").where("name", "=", name).where("alias", "=", alias).executeTakeFirst();
    if (!row) throw notFound(`Registered model '${name}' has no alias '${alias}'. Set it with registered-models/alias first.`);
    return readModelVersion(db, name, Number(row.version));
  });
}
