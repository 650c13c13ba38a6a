import type { AuditEntry, AuditVerification } from "@cairn/core";
import { formatTime } from "./format.js";
import { renderTable } from "./table.js";

const MAX_SUMMARY_CELL = 80;

/** Audit entries as a table, newest first as the server returns them. */
export function auditTable(entries: readonly AuditEntry[]): string {
  return renderTable(
    ["SEQ", "TIME", "ACTOR", "ACTION", "RESOURCE", "SUMMARY"],
    entries.map((e) => [String(e.seq), formatTime(e.timestamp_ms), e.actor, e.action, e.resource, summaryCell(e.summary)]),
  );
}

/** A summary as key=value pairs on one line, cut to fit a table. */
export function summaryCell(summary: Record<string, unknown>): string {
  const text = Object.entries(summary)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ")
    .replace(/\s+/g, " ");
  if (text === "") return "-";
  return text.length > MAX_SUMMARY_CELL ? `${text.slice(0, MAX_SUMMARY_CELL - 1)}…` : text;
}

/** What `cairn audit verify` prints: OK with the count and head, or one line per problem. */
export function verificationText(v: AuditVerification): string {
  if (v.ok) return `OK: ${v.entries_checked} entries verified; head seq ${v.head_seq}, hash ${v.head_hash}`;
  const lines = v.problems.map((p) => `  seq ${p.seq}  ${p.problem}  ${p.message}`);
  return [`FAILED: ${v.problems.length} problem${v.problems.length === 1 ? "" : "s"} in ${v.entries_checked} entries checked (head seq ${v.head_seq}, hash ${v.head_hash}):`, ...lines].join("\n");
}
