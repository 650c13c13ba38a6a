import {
  AUDIT_DEFAULT_MAX_RESULTS,
  AUDIT_MAX_RESULTS,
  decodePageToken,
  encodePageToken,
  invalidParameter,
  type AuditPage,
  type AuditQuery,
  type AuditScanInput,
  type AuditScanPage,
} from "@cairn/core";
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Database } from "../schema.js";
import { reading, type StoreContext } from "../tracking/context.js";
import { toAuditEntry } from "./audit-rows.js";

type AuditSelect = SelectQueryBuilder<Database, "audit_log", object>;

/** audit/list page tokens: keyset on seq, so entries appended meanwhile never shift a page. */
function isSeqCursor(cursor: Record<string, unknown>): cursor is { before_seq: number } {
  return Number.isSafeInteger(cursor.before_seq) && (cursor.before_seq as number) > 0;
}

/** One page of the log, newest first, filtered by resource (and what lies under it), actor, action and time. */
export async function listAudit(ctx: StoreContext, query: AuditQuery): Promise<AuditPage> {
  const limit = pageSize(query.max_results, "max_results", AUDIT_DEFAULT_MAX_RESULTS);
  const beforeSeq = query.page_token ? decodePageToken(query.page_token, isSeqCursor).before_seq : undefined;
  checkRange(query.since_ms, query.until_ms);
  return reading(ctx, async (db) => {
    let q = filtered(db, query);
    if (beforeSeq !== undefined) q = q.where("seq", "<", beforeSeq);
    const rows = await q.selectAll().orderBy("seq", "desc").limit(limit + 1).execute();
    const entries = rows.slice(0, limit).map(toAuditEntry);
    const more = rows.length > limit;
    return { entries, ...(more ? { next_page_token: encodePageToken({ before_seq: entries[entries.length - 1]!.seq }) } : {}) };
  });
}

/** Entries after a seq, oldest first, one slice at a time. */
export async function scanAudit(ctx: StoreContext, input: AuditScanInput): Promise<AuditScanPage> {
  const limit = pageSize(input.limit, "limit", AUDIT_MAX_RESULTS);
  const after = input.after_seq ?? 0;
  if (!Number.isSafeInteger(after) || after < 0) throw invalidParameter(`after_seq must be a non-negative integer, got ${String(input.after_seq)}.`);
  checkRange(input.since_ms, input.until_ms);
  return reading(ctx, async (db) => {
    const rows = await filtered(db, input).where("seq", ">", after).selectAll().orderBy("seq", "asc").limit(limit + 1).execute();
    const entries = rows.slice(0, limit).map(toAuditEntry);
    return { entries, ...(rows.length > limit ? { next_after_seq: entries[entries.length - 1]!.seq } : {}) };
  });
}

function filtered(db: Kysely<Database>, f: { resource?: string; actor?: string; action?: string; since_ms?: number; until_ms?: number }): AuditSelect {
  let q: AuditSelect = db.selectFrom("audit_log");
  if (f.resource !== undefined && f.resource !== "") {
    const resource = f.resource;
    // `models:/churn` is that model and everything under `models:/churn/`, never `models:/churn2`.
    // substr() rather than LIKE: resource names may hold LIKE's wildcards. Both dialects count
    // code points, as the spread below does.
    const prefix = resource.endsWith("/") ? resource : `${resource}/`;
    const length = [...prefix].length;
    q = q.where((eb) => eb.or([eb("resource", "=", resource), eb(sql<string>`substr(resource, 1, ${length})`, "=", prefix)]));
  }
  if (f.actor !== undefined && f.actor !== "") q = q.where("actor", "=", f.actor);
  if (f.action !== undefined && f.action !== "") q = q.where("action", "=", f.action);
  if (f.since_ms !== undefined) q = q.where("timestamp_ms", ">=", f.since_ms);
  if (f.until_ms !== undefined) q = q.where("timestamp_ms", "<", f.until_ms);
  return q;
}

function pageSize(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > AUDIT_MAX_RESULTS) {
    throw invalidParameter(`${name} must be an integer from 1 to ${AUDIT_MAX_RESULTS}, got ${String(value)}.`);
  }
  return value;
}

function checkRange(since: number | undefined, until: number | undefined): void {
  for (const [name, value] of [["since_ms", since], ["until_ms", until]] as const) {
    if (value !== undefined && !Number.isSafeInteger(value)) throw invalidParameter(`${name} must be an integer of milliseconds since the epoch, got ${String(value)}.`);
  }
  if (since !== undefined && until !== undefined && until <= since) {
    throw invalidParameter(`until_ms (${until}) must be later than since_ms (${since}); the range is since_ms <= timestamp < until_ms.`);
  }
}
