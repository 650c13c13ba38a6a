import type { RunStatus } from "@cairn/core";

const TONE: Record<RunStatus, string> = { FINISHED: "ok", FAILED: "danger", KILLED: "warn", RUNNING: "info", SCHEDULED: "" };

/** A run's status as a coloured badge; the word itself carries the meaning, not the colour. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge run-status ${TONE[status] ?? ""}`}>{status.toLowerCase()}</span>;
}
