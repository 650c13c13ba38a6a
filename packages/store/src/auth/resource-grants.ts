import type { Kysely } from "kysely";
import type { GovernedResource } from "@cairn/core";
import type { Database } from "../schema.js";

/**
 * Removes every grant on one resource, inside the caller's transaction: grants keep no foreign
 * key, so a resource store calls this when it deletes the resource, and a later resource of the
 * same name starts with no grants.
 */
export async function deleteGrantsOn(trx: Kysely<Database>, resourceType: GovernedResource, resourceId: string): Promise<void> {
  await trx.deleteFrom("permissions").where("resource_type", "=", resourceType).where("resource_id", "=", resourceId).execute();
}

/**
 * Moves a resource's grants to its new name, inside the caller's transaction. Grants left on the
 * new name (set while no such resource existed) are dropped first: the renamed resource keeps
 * exactly its own grants.
 */
export async function renameGrants(trx: Kysely<Database>, resourceType: GovernedResource, from: string, to: string): Promise<void> {
  if (from === to) return;
  await deleteGrantsOn(trx, resourceType, to);
  await trx.updateTable("permissions").set({ resource_id: to }).where("resource_type", "=", resourceType).where("resource_id", "=", from).execute();
}
