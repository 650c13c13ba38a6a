import { PERMISSION_LEVELS, type GovernedResource, type PermissionLevel } from "@cairn/core";
import { reading, type StoreContext } from "../tracking/context.js";
import { grantReachesUser } from "./read-scope.js";

/** The highest level granted to the user or any of the user's groups on each id (absent: no grant), in one query. */
export async function grantedLevels(
  ctx: StoreContext,
  userId: string,
  resourceType: GovernedResource,
  resourceIds: readonly string[],
): Promise<Map<string, PermissionLevel>> {
  const out = new Map<string, PermissionLevel>();
  if (resourceIds.length === 0) return out;
  return reading(ctx, async (db) => {
    const rows = await db
      .selectFrom("permissions")
      .select(["resource_id"])
      .select((eb) => eb.fn.max("level_rank").as("rank"))
      .where("resource_type", "=", resourceType)
      .where("resource_id", "in", [...new Set(resourceIds)])
      .where(grantReachesUser(userId))
      .groupBy("resource_id")
      .execute();
    for (const r of rows) out.set(r.resource_id, PERMISSION_LEVELS[Number(r.rank)]!);
    return out;
  });
}

/** The experiment (id as a string) a run or logged model belongs to; undefined when unknown. */
export async function experimentOf(ctx: StoreContext, kind: "run" | "logged_model", id: string): Promise<string | undefined> {
  return reading(ctx, async (db) => {
    const row =
      kind === "run"
        ? await db.selectFrom("runs").select("experiment_id").where("run_uuid", "=", id).executeTakeFirst()
        : await db.selectFrom("logged_models").select("experiment_id").where("model_id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : String(row.experiment_id);
  });
}
