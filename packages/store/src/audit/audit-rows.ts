import type { AuditEntry } from "@cairn/core";
import type { AuditLogTable } from "../schema.js";

/** An audit_log row as the API returns it; numbers from either driver become JS numbers. */
export function toAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    timestamp_ms: Number(row.timestamp_ms),
    actor: row.actor,
    action: row.action,
    resource: row.resource,
    request_id: row.request_id,
    client: row.client,
    summary: parseSummary(row.summary_json),
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/** The hashed fields of a row with its numbers normalized, as verification recomputes them. */
export function hashedFields(row: AuditLogTable): AuditLogTable {
  return { ...row, seq: Number(row.seq), timestamp_ms: Number(row.timestamp_ms) };
}

/**
 * Cairn only stores canonical JSON objects here; a summary edited into something else directly
 * in the database is still listed and exported (as its raw text, under a key saying so) so that
 * the evidence stays readable, and audit/verify reports the entry as modified.
 */
function parseSummary(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined; // reported below with the raw text
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { corrupt_summary_json: text };
}
