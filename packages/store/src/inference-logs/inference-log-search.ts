import { sql } from "kysely";
import {
  decodePageToken,
  encodePageToken,
  validateInferenceSearch,
  validateRequestId,
  type InferenceRecord,
  type SearchInferenceLogsInput,
} from "@cairn/core";
import { reading, type StoreContext } from "../tracking/context.js";
import { toInferenceRecord } from "./inference-log-rows.js";

interface Cursor {
  t: number;
  id: number;
}
const isCursor = (c: Record<string, unknown>): c is Record<string, unknown> & Cursor => Number.isSafeInteger(c.t) && Number.isSafeInteger(c.id);

/**
 * Records newest first, filtered by deployment, model (version), time window and labeled-ness.
 * Pages are keyset pages on (timestamp_ms, log_id), so each is one index range scan however
 * deep it is, and records logged meanwhile do not shift them.
 */
export async function searchInferenceLogs(ctx: StoreContext, input: SearchInferenceLogsInput): Promise<{ records: InferenceRecord[]; next_page_token?: string }> {
  const max = validateInferenceSearch(input);
  const after = input.page_token ? decodePageToken(input.page_token, isCursor) : undefined;
  return reading(ctx, async (db) => {
    let query = db.selectFrom("inference_logs").selectAll();
    if (input.deployment !== undefined) query = query.where("deployment", "=", input.deployment);
    if (input.model_name !== undefined) query = query.where("model_name", "=", input.model_name);
    if (input.model_version !== undefined) query = query.where("model_version", "=", String(Number(input.model_version)));
    if (input.start_time_ms !== undefined) query = query.where("timestamp_ms", ">=", input.start_time_ms);
    if (input.end_time_ms !== undefined) query = query.where("timestamp_ms", "<", input.end_time_ms);
    if (input.labeled !== undefined) query = query.where("label", input.labeled ? "is not" : "is", null);
    if (after) query = query.where(sql<boolean>`(timestamp_ms, log_id) < (${after.t}, ${after.id})`);
    const rows = await query.orderBy("timestamp_ms", "desc").orderBy("log_id", "desc").limit(max + 1).execute();
    const page = rows.slice(0, max);
    const last = page.at(-1);
    const token = rows.length > max && last ? encodePageToken({ t: Number(last.timestamp_ms), id: Number(last.log_id) }) : undefined;
    return { records: page.map(toInferenceRecord), ...(token ? { next_page_token: token } : {}) };
  });
}

/** Every record of one request: the live answer first, then shadow answers. */
export async function getInferenceLogs(ctx: StoreContext, requestId: string): Promise<{ records: InferenceRecord[] }> {
  validateRequestId(requestId);
  return reading(ctx, async (db) => {
    const rows = await db.selectFrom("inference_logs").selectAll().where("request_id", "=", requestId).orderBy("shadow").orderBy("log_id").execute();
    return { records: rows.map(toInferenceRecord) };
  });
}
