import type { Kysely } from "kysely";
import { notFound, validateModelName } from "@cairn/core";
import type { Database, ModelVersionRow, RegisteredModelRow } from "../schema.js";
import type { StoreContext } from "../tracking/context.js";

/** MLflow's message for an unknown registered model; clients and people read it the same way. */
export function modelNotFound(name: string) {
  return notFound(`Registered Model with name=${name} not found`);
}

/** MLflow's message for an unknown model version. */
export function versionNotFound(name: string, version: number | string) {
  return notFound(`Model Version (name=${name}, version=${version}) not found`);
}

/** Loads a registered model or throws RESOURCE_DOES_NOT_EXIST; the name is validated first. */
export async function requireRegisteredModel(db: Kysely<Database>, name: string): Promise<RegisteredModelRow> {
  validateModelName(name);
  const row = await db.selectFrom("registered_models").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) throw modelNotFound(name);
  return row;
}

/**
 * Loads a registered model a transaction is about to change. On PostgreSQL the row stays locked
 * until commit, so concurrent registrations of one model take version numbers in turn; SQLite
 * has a single writer already.
 */
export async function lockRegisteredModel(ctx: StoreContext, trx: Kysely<Database>, name: string): Promise<RegisteredModelRow> {
  validateModelName(name);
  let query = trx.selectFrom("registered_models").selectAll().where("name", "=", name);
  if (ctx.d.name === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw modelNotFound(name);
  return row;
}

/** Loads a model version or throws RESOURCE_DOES_NOT_EXIST (naming the model when it is the model that is missing). */
export async function requireModelVersion(db: Kysely<Database>, name: string, version: number): Promise<ModelVersionRow> {
  validateModelName(name);
  const row = await db.selectFrom("model_versions").selectAll().where("name", "=", name).where("version", "=", version).executeTakeFirst();
  if (row) return row;
  const model = await db.selectFrom("registered_models").select("name").where("name", "=", name).executeTakeFirst();
  throw model ? versionNotFound(name, version) : modelNotFound(name);
}
