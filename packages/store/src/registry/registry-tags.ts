import { parseModelVersion, validateKey, validateRegistryTag, type KeyValue } from "@cairn/core";
import { inTransaction, type StoreContext } from "../tracking/context.js";
import { requireModelVersion, requireRegisteredModel } from "./registry-rows.js";
import { refreshVersionDocuments } from "./version-documents.js";
import { recordWebhookEvent } from "../webhooks/outbox.js";

/** Sets (inserts or replaces) one tag of a registered model. */
export async function setRegisteredModelTag(ctx: StoreContext, name: string, tag: KeyValue): Promise<void> {
  validateRegistryTag(tag.key, tag.value);
  await inTransaction(ctx, async (trx) => {
    await requireRegisteredModel(trx, name);
    await trx
      .insertInto("registered_model_tags")
      .values({ name, key: tag.key, value: tag.value })
      .onConflict((oc) => oc.columns(["name", "key"]).doUpdateSet({ value: tag.value }))
      .execute();
  });
}

/** Deletes one tag of a registered model; a tag it does not have is not an error, as in MLflow. */
export async function deleteRegisteredModelTag(ctx: StoreContext, name: string, key: string): Promise<void> {
  validateKey(key, "tag");
  await inTransaction(ctx, async (trx) => {
    await requireRegisteredModel(trx, name);
    await trx.deleteFrom("registered_model_tags").where("name", "=", name).where("key", "=", key).execute();
  });
}

/** Sets (inserts or replaces) one tag of a model version. */
export async function setModelVersionTag(ctx: StoreContext, name: string, version: string, tag: KeyValue): Promise<void> {
  const number = parseModelVersion(version);
  validateRegistryTag(tag.key, tag.value);
  await inTransaction(ctx, async (trx) => {
    await requireModelVersion(trx, name, number);
    await trx
      .insertInto("model_version_tags")
      .values({ name, version: number, key: tag.key, value: tag.value })
      .onConflict((oc) => oc.columns(["name", "version", "key"]).doUpdateSet({ value: tag.value }))
      .execute();
    await refreshVersionDocuments(ctx, trx, name, [number]);
    await recordWebhookEvent(ctx, trx, { entity: "MODEL_VERSION_TAG", action: "SET" }, { name, version: String(number), key: tag.key, value: tag.value });
  });
}

/** Deletes one tag of a model version; a tag it does not have is not an error, as in MLflow. */
export async function deleteModelVersionTag(ctx: StoreContext, name: string, version: string, key: string): Promise<void> {
  const number = parseModelVersion(version);
  validateKey(key, "tag");
  await inTransaction(ctx, async (trx) => {
    await requireModelVersion(trx, name, number);
    const result = await trx.deleteFrom("model_version_tags").where("name", "=", name).where("version", "=", number).where("key", "=", key).executeTakeFirst();
    if (Number(result.numDeletedRows) > 0) await refreshVersionDocuments(ctx, trx, name, [number]);
    await recordWebhookEvent(ctx, trx, { entity: "MODEL_VERSION_TAG", action: "DELETED" }, { name, version: String(number), key });
  });
}
