import {
  CairnError,
  MODEL_CARD_LIMITS,
  invalidParameter,
  parseModelVersion,
  type ModelCardFields,
  type ModelCardFieldsPatch,
} from "@cairn/core";
import { requireModelVersion } from "../registry/registry-rows.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";

/** What fields_json holds: the written fields only (who and when are columns of their own). */
type StoredFields = Omit<ModelCardFields, "updated_by" | "last_updated_timestamp">;

const EMPTY: StoredFields = { intended_use: "", limitations: "", ethical_considerations: "", owners: [] };
const TEXT_FIELDS = ["intended_use", "limitations", "ethical_considerations"] as const;

/** The card fields of an existing version, empty when never written. */
export async function getModelCardFields(ctx: StoreContext, name: string, version: string): Promise<ModelCardFields> {
  const number = parseModelVersion(version);
  return reading(ctx, async (db) => {
    await requireModelVersion(db, name, number);
    const row = await db.selectFrom("model_cards").selectAll().where("name", "=", name).where("version", "=", number).executeTakeFirst();
    if (!row) return { ...EMPTY, owners: [] };
    return { ...parseFields(row.fields_json, name, number), updated_by: row.updated_by, last_updated_timestamp: Number(row.last_updated_timestamp) };
  });
}

/** Changes the given fields of an existing version's card, keeping the others. */
export async function setModelCardFields(ctx: StoreContext, name: string, version: string, patch: ModelCardFieldsPatch, updatedBy: string): Promise<ModelCardFields> {
  const number = parseModelVersion(version);
  const changes = validatePatch(patch);
  return inTransaction(ctx, async (trx) => {
    await requireModelVersion(trx, name, number);
    const row = await trx.selectFrom("model_cards").select("fields_json").where("name", "=", name).where("version", "=", number).executeTakeFirst();
    const fields: StoredFields = { ...(row ? parseFields(row.fields_json, name, number) : EMPTY), ...changes };
    const now = ctx.clock();
    const values = { fields_json: JSON.stringify(fields), updated_by: updatedBy, last_updated_timestamp: now };
    await trx
      .insertInto("model_cards")
      .values({ name, version: number, ...values })
      .onConflict((oc) => oc.columns(["name", "version"]).doUpdateSet(values))
      .execute();
    return { ...fields, updated_by: updatedBy, last_updated_timestamp: now };
  });
}

/** Checks each given field's type and length; owners are trimmed, blank ones refused, duplicates dropped. */
function validatePatch(patch: ModelCardFieldsPatch): Partial<StoredFields> {
  const changes: Partial<StoredFields> = {};
  for (const key of TEXT_FIELDS) {
    const value = patch[key];
    if (value === undefined) continue;
    if (typeof value !== "string") throw invalidParameter(`'${key}' must be a string.`);
    if (value.length > MODEL_CARD_LIMITS.textLength) throw invalidParameter(`'${key}' is ${value.length} characters long; the limit is ${MODEL_CARD_LIMITS.textLength}.`);
    changes[key] = value;
  }
  if (patch.owners !== undefined) {
    if (!Array.isArray(patch.owners)) throw invalidParameter("'owners' must be a list of names or e-mail addresses.");
    if (patch.owners.length > MODEL_CARD_LIMITS.owners) throw invalidParameter(`'owners' lists ${patch.owners.length} owners; the limit is ${MODEL_CARD_LIMITS.owners}.`);
    const owners = patch.owners.map((o) => (typeof o === "string" ? o.trim() : o));
    for (const owner of owners) {
      if (typeof owner !== "string" || owner === "") throw invalidParameter("Every entry of 'owners' must be a non-empty name or e-mail address.");
      if (owner.length > MODEL_CARD_LIMITS.ownerLength) throw invalidParameter(`Owner '${owner.slice(0, 40)}...' is ${owner.length} characters long; the limit is ${MODEL_CARD_LIMITS.ownerLength}.`);
    }
    changes.owners = [...new Set(owners as string[])];
  }
  return changes;
}

function parseFields(text: string, name: string, version: number): StoredFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(name, version, error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw corrupt(name, version);
  const stored = parsed as Partial<StoredFields>;
  // Fields added to cards later read as empty in rows written before them.
  return { ...EMPTY, ...stored, owners: Array.isArray(stored.owners) ? stored.owners : [] };
}

function corrupt(name: string, version: number, cause?: unknown): CairnError {
  return new CairnError("INTERNAL_ERROR", `The stored model card fields of '${name}' version ${version} are not a JSON object; write them again with model-cards/update.`, cause === undefined ? undefined : { cause });
}
