import type { ReactNode } from "react";
import { formatDuration, formatNumber, formatTime } from "../../format";
import { columnValue, type DataColumn } from "./column-ids";
import { TAG } from "../../run-tags";
import type { IndexedRun } from "./run-fields";
import { RunStatusBadge } from "../../components/run-status-badge";

/** A column of the runs table after the name: its header, how to sort by it (if the server can), and its cell. */
export interface TableColumn {
  id: string;
  label: string;
  /** For param, metric and tag columns: which of those it is, shown above the key. */
  kind?: string;
  /** The column id to sort by; absent when the server cannot order by this column. */
  sortId?: string;
  /** Sorting starts descending for numbers and times (largest, newest first) and ascending for text. */
  numeric?: boolean;
  cell: (run: IndexedRun) => ReactNode;
}

const tagColumn = (key: string) => `tags.${key}`;

function duration(run: IndexedRun): number | undefined {
  const { start_time: start, end_time: end, status } = run.run.info;
  if (end) return end - start;
  // A run still going has lasted until now; a run that stopped without an end time has no duration.
  return status === "RUNNING" ? Date.now() - start : undefined;
}

/** The columns every run has: status, times, user, source and commit. */
export const FIXED_COLUMNS: readonly TableColumn[] = [
  { id: "status", label: "Status", sortId: "attributes.status", cell: (r) => <RunStatusBadge status={r.run.info.status} /> },
  { id: "start", label: "Started", sortId: "attributes.start_time", numeric: true, cell: (r) => formatTime(r.run.info.start_time) },
  { id: "duration", label: "Duration", cell: (r) => formatDuration(duration(r)) },
  { id: "user", label: "User", sortId: tagColumn(TAG.user), cell: (r) => r.tags[TAG.user] ?? r.run.info.user_id ?? "" },
  { id: "source", label: "Source", sortId: tagColumn(TAG.sourceName), cell: (r) => <SourceCell path={r.tags[TAG.sourceName]} /> },
  { id: "commit", label: "Commit", sortId: tagColumn(TAG.gitCommit), cell: (r) => <CommitCell sha={r.tags[TAG.gitCommit]} /> },
];

const KIND_LABEL = { params: "param", metrics: "metric", tags: "tag" } as const;

/** A table column for a chosen param, metric or tag. */
export function dataTableColumn(column: DataColumn): TableColumn {
  return {
    id: column.id,
    label: column.key,
    kind: KIND_LABEL[column.kind],
    sortId: column.id,
    numeric: column.kind === "metrics",
    cell: (r) => {
      const value = columnValue(r, column);
      return column.kind === "metrics" ? formatNumber(value) : (value ?? "");
    },
  };
}

function SourceCell({ path }: { path: string | undefined }) {
  if (!path) return null;
  // Sources are often long absolute paths: the file name says most, the title has the rest.
  const name = path.split(/[\\/]/).pop() || path;
  return <span title={path}>{name}</span>;
}

function CommitCell({ sha }: { sha: string | undefined }) {
  if (!sha) return null;
  return (
    <span className="mono" title={sha}>
      {sha.slice(0, 7)}
    </span>
  );
}
