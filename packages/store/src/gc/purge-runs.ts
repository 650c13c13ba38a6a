import { inTransaction, type StoreContext } from "../tracking/context.js";

// Well under both dialects' bound-parameter limits (SQLite 32,766; PostgreSQL 65,535).
const CHUNK = 500;

/**
 * Deletes every row of the given runs that are still in the deleted stage, in one transaction:
 * metric points and latest values (keyed without foreign keys), params, tags, dataset inputs with
 * their tags, model inputs and outputs, the run document, then the run. Logged models, their
 * metrics and the experiment's datasets are not the run's and stay. Returns the ids purged.
 */
export async function purgeRuns(ctx: StoreContext, runIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(runIds)];
  if (unique.length === 0) return [];
  return inTransaction(ctx, async (trx) => {
    const purged: string[] = [];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      let select = trx.selectFrom("runs").select(["run_key", "run_uuid"]).where("run_uuid", "in", chunk).where("lifecycle_stage", "=", "deleted");
      // A concurrent restore waits for this purge (or this purge for it) instead of interleaving.
      if (ctx.d.name === "postgres") select = select.forUpdate();
      const runs = await select.execute();
      if (runs.length === 0) continue;
      const ids = runs.map((r) => r.run_uuid);
      const keys = runs.map((r) => Number(r.run_key));
      await trx.deleteFrom("metrics").where("run_key", "in", keys).execute();
      await trx.deleteFrom("latest_metrics").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("params").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("tags").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("input_tags").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("run_inputs").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("run_model_inputs").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("run_model_outputs").where("run_uuid", "in", ids).execute();
      await trx.deleteFrom("run_documents").where("run_key", "in", keys).execute();
      await trx.deleteFrom("runs").where("run_key", "in", keys).execute();
      purged.push(...ids);
    }
    return purged;
  });
}
