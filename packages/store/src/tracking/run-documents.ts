import { sql, type Kysely } from "kysely";
import { CairnError, notFound, type JsonText, type Run } from "@cairn/core";
import type { Database, RunRow } from "../schema.js";
import type { StoreContext } from "./context.js";
import { runJson } from "./run-json.js";

/**
 * Each run's MLflow JSON is kept in run_documents, rebuilt by the transaction that changes the
 * run. Reads (get-run, search-runs) then fetch finished documents: building 1,000 runs' JSON
 * from 22,000 child rows per search costs ~30 ms on SQLite, fetching them ~2 ms.
 */

/**
 * Loads a run a transaction is about to change. On PostgreSQL the row stays locked until
 * commit, so concurrent writers to one run take turns and each rebuilds the document from
 * everything committed before it (SQLite has a single writer already).
 */
export async function lockRun(ctx: StoreContext, trx: Kysely<Database>, runId: string, options: { active: boolean }): Promise<RunRow> {
  let query = trx.selectFrom("runs").selectAll().where("run_uuid", "=", runId);
  if (ctx.d.name === "postgres") query = query.forUpdate();
  const run = await query.executeTakeFirst();
  if (!run) throw notFound(`Run with id=${runId} not found`);
  if (options.active && run.lifecycle_stage !== "active") {
    throw new CairnError("INVALID_STATE", `The run ${runId} must be in the 'active' state; it is deleted. Restore it to change it.`);
  }
  return run;
}

/** Rebuilds the stored documents of one run, or of every run of an experiment. */
export async function refreshRunDocuments(ctx: StoreContext, trx: Kysely<Database>, scope: { runKey: number } | { experimentId: number }): Promise<void> {
  const where = "runKey" in scope ? sql`r.run_key = ${scope.runKey}` : sql`r.experiment_id = ${scope.experimentId}`;
  await sql`insert into run_documents (run_key, json)
    select r.run_key, ${runJson(ctx.d)} from runs r where ${where}
    on conflict (run_key) do update set json = excluded.json`.execute(trx);
}

/** The stored documents of these runs as one JSON array, in the order of the keys given. */
export async function readRunDocuments(ctx: StoreContext, db: Kysely<Database>, runKeys: readonly number[]): Promise<JsonText<Run[]> | undefined> {
  if (runKeys.length === 0) return undefined;
  const source = sql`select d.json as text, k.pos from ${ctx.d.keyList(runKeys)} join run_documents d on d.run_key = k.run_key`;
  const result = await sql<{ json: JsonText<Run[]> }>`select ${ctx.d.jsonOut(ctx.d.concatArray(source))} as json`.execute(db);
  return result.rows[0]?.json;
}
