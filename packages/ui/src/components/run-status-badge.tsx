import type { RunStatus } from "@cairn/core";

const TONE: Record<RunStatus, string> = { FINISHED: "ok", RUNNING: "info", SCHEDULED: "", FAILED: "danger", KILLED: "warn" };

/** A run's status as a coloured badge (the word is always there, colour only repeats it). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge run-status ${TONE[status] ?? ""}`.trim()}>{status.toLowerCase()}</span>;
}
