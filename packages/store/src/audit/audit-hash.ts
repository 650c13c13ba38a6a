import { createHash } from "node:crypto";
import type { AuditLogTable } from "../schema.js";

/** The stored fields an entry's hash covers: all of them but the hash itself (summary_json exactly as stored). */
export type HashedAuditFields = Omit<AuditLogTable, "hash">;

// Bumped if the serialization ever changes, so old and new entries stay verifiable side by side.
const FORMAT = "cairn-audit-v1";

/** JSON with object keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * The text an entry's hash is taken over: a JSON array in a fixed field order, so no field can
 * be shifted into another (JSON escaping keeps the boundaries unambiguous).
 */
export function auditHashText(f: HashedAuditFields): string {
  return JSON.stringify([FORMAT, f.seq, f.timestamp_ms, f.actor, f.action, f.resource, f.request_id, f.client, f.summary_json, f.prev_hash]);
}

/** sha256 hex of auditHashText. */
export function auditHash(fields: HashedAuditFields): string {
  return createHash("sha256").update(auditHashText(fields), "utf8").digest("hex");
}
