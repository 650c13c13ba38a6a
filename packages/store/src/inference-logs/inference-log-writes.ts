import {
  validateInferenceLabels,
  validateInferenceRecords,
  type AttachLabelsResult,
  type InferenceLabelInput,
  type InferenceRecordInput,
  type LogInferencesResult,
} from "@cairn/core";
import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";
import { inTransaction, type StoreContext } from "../tracking/context.js";

// 500 rows x 10 columns stays well under SQLite's bound-parameter limit.
const ROWS_PER_INSERT = 500;
const IDENTITY = ["request_id", "model_name", "model_version", "shadow"] as const;

/**
 * Stores a validated batch in one transaction; a record already stored under the same
 * (request_id, model_name, model_version, shadow) is skipped, so a resent batch changes nothing.
 */
export async function logInferences(ctx: StoreContext, records: readonly InferenceRecordInput[]): Promise<LogInferencesResult> {
  const rows = validateInferenceRecords(records);
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  const inserted = await inTransaction(ctx, async (trx) => (ctx.d.name === "postgres" ? insertUnnested(trx, rows) : insertInChunks(trx, rows)));
  return { accepted: rows.length, duplicates: rows.length - inserted };
}

/** Labels every record of each request id in one transaction; ids with no record are reported, not refused. */
export async function attachInferenceLabels(ctx: StoreContext, labels: readonly InferenceLabelInput[]): Promise<AttachLabelsResult> {
  const checked = validateInferenceLabels(labels);
  if (checked.length === 0) return { updated: 0, unknown_request_ids: [] };
  const now = ctx.clock();
  const rows = checked.map((l) => ({ request_id: l.request_id, label: l.label, at: l.timestamp_ms ?? now }));
  const counts = await inTransaction(ctx, (trx) => (ctx.d.name === "postgres" ? labelUnnested(trx, rows) : labelEach(trx, rows)));
  return {
    updated: [...counts.values()].reduce((a, b) => a + b, 0),
    unknown_request_ids: rows.filter((r) => !counts.get(r.request_id)).map((r) => r.request_id),
  };
}

interface LabelRow {
  request_id: string;
  label: string;
  at: number;
}

/** One UPDATE per request id (SQLite runs them in-process, so round trips cost nothing); returns the records updated per id. */
async function labelEach(trx: Kysely<Database>, rows: readonly LabelRow[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const result = await trx.updateTable("inference_logs").set({ label: r.label, label_timestamp_ms: r.at }).where("request_id", "=", r.request_id).executeTakeFirst();
    counts.set(r.request_id, Number(result.numUpdatedRows));
  }
  return counts;
}

/** PostgreSQL: every label in one UPDATE ... FROM unnest(...), instead of a round trip per request id. */
async function labelUnnested(trx: Kysely<Database>, rows: readonly LabelRow[]): Promise<Map<string, number>> {
  const result = await sql<{ request_id: string; n: number }>`with updated as (
      update inference_logs as l set label = v.label, label_timestamp_ms = v.at
      from unnest(${rows.map((r) => r.request_id)}::text[], ${rows.map((r) => r.label)}::text[], ${rows.map((r) => r.at)}::bigint[]) as v(request_id, label, at)
      where l.request_id = v.request_id
      returning l.request_id)
    select request_id, count(*)::int as n from updated group by request_id`.execute(trx);
  return new Map(result.rows.map((r) => [r.request_id, Number(r.n)]));
}

type Row = ReturnType<typeof validateInferenceRecords>[number];

/** Multi-row INSERTs of ROWS_PER_INSERT rows; returns how many rows were new. */
async function insertInChunks(trx: Kysely<Database>, rows: readonly Row[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ ...r, shadow: r.shadow ? 1 : 0 }));
    const result = await trx.insertInto("inference_logs").values(values).onConflict((oc) => oc.columns([...IDENTITY]).doNothing()).executeTakeFirst();
    count += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return count;
}

/**
 * PostgreSQL: the whole batch as ten column arrays unnested server-side, one statement with ten
 * parameters instead of one with ten per row (which PostgreSQL parses and plans row by row).
 */
async function insertUnnested(trx: Kysely<Database>, rows: readonly Row[]): Promise<number> {
  const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
  const result = await sql`insert into inference_logs (request_id, deployment, model_name, model_version, timestamp_ms, latency_ms, inputs, outputs, shadow, status_code)
    select * from unnest(${column("request_id")}::text[], ${column("deployment")}::text[], ${column("model_name")}::text[], ${column("model_version")}::text[],
      ${column("timestamp_ms")}::bigint[], ${column("latency_ms")}::float8[], ${column("inputs")}::text[], ${column("outputs")}::text[],
      ${rows.map((r) => (r.shadow ? 1 : 0))}::integer[], ${column("status_code")}::integer[])
    on conflict (request_id, model_name, model_version, shadow) do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
