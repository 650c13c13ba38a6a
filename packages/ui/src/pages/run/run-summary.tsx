import type { ReactNode } from "react";
import type { Run } from "@cairn/core";
import { formatDuration, formatTime } from "../../format";
import { KeyValueTable } from "./key-value-table";
import { ParentRunLink } from "./parent-run-link";
import { RunStatusBadge } from "../../components/run-status-badge";
import { TAG, tagsOf } from "../../run-tags";
import { useNow } from "./use-now";

/** The facts of a run: status, id, times, who ran what, parent run and where its artifacts are. */
export function RunSummary({ run }: { run: Run }) {
  const { info } = run;
  const tags = tagsOf(run);
  const running = info.status === "RUNNING";
  const now = useNow(running);
  const end = info.end_time ?? undefined;
  const duration = running ? now - info.start_time : end ? end - info.start_time : undefined;
  const parentId = tags.get(TAG.parentRunId);
  const sourceName = tags.get(TAG.sourceName);
  const sourceType = tags.get(TAG.sourceType);
  const rows: [string, ReactNode][] = [
    ["Status", <RunStatusBadge status={info.status} />],
    ["Run ID", <code>{info.run_id}</code>],
    ["Started", formatTime(info.start_time)],
    ["Ended", running ? "still running" : formatTime(end)],
    ["Duration", running ? `${formatDuration(duration)} so far` : formatDuration(duration)],
    ["User", info.user_id || tags.get(TAG.user) || "—"],
    ["Lifecycle stage", info.lifecycle_stage === "deleted" ? <span className="badge danger">deleted</span> : info.lifecycle_stage],
    ["Source", sourceName ? <><code>{sourceName}</code>{sourceType ? <span className="badge">{sourceType}</span> : null}</> : sourceType ?? "—"],
  ];
  if (parentId) rows.push(["Parent run", <ParentRunLink runId={parentId} experimentId={info.experiment_id} />]);
  rows.push(["Artifact URI", <code>{info.artifact_uri}</code>]);
  return <KeyValueTable caption="Run details" rows={rows} />;
}
