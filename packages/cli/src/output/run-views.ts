import type { KeyValue, Metric, Run } from "@cairn/core";
import { formatDuration, formatNumber, formatTime } from "./format.js";
import { renderFields, renderTable } from "./table.js";

const MAX_METRIC_COLUMNS = 4;
const MAX_PARAM_COLUMNS = 3;

/**
 * The metric and param keys worth a column: those named in --order-by first, then the keys most
 * runs share (alphabetical among equals), so a table stays readable with many keys.
 */
function keyColumns(runs: readonly Run[], orderBy: readonly string[] = []): { metrics: string[]; params: string[] } {
  const pick = (kind: "metrics" | "params", lists: (readonly { key: string }[] | undefined)[], max: number) => {
    const counts = new Map<string, number>();
    for (const list of lists) for (const { key } of list ?? []) counts.set(key, (counts.get(key) ?? 0) + 1);
    const ordered = orderBy
      .map((clause) => new RegExp(`^${kind}\\.(?:\`([^\`]+)\`|"([^"]+)"|(\\S+))`).exec(clause.trim()))
      .map((m) => m && (m[1] ?? m[2] ?? m[3]))
      .filter((key): key is string => !!key && counts.has(key));
    const common = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([key]) => key);
    return [...new Set([...ordered, ...common])].slice(0, max);
  };
  return {
    metrics: pick("metrics", runs.map((r) => r.data.metrics), MAX_METRIC_COLUMNS),
    params: pick("params", runs.map((r) => r.data.params), MAX_PARAM_COLUMNS),
  };
}

/** Runs as an aligned table: id, name, status, start, duration and the key metrics and params. */
export function runTable(runs: readonly Run[], orderBy: readonly string[] = []): string {
  const { metrics, params } = keyColumns(runs, orderBy);
  const headers = ["RUN ID", "NAME", "STATUS", "START TIME", "DURATION", ...metrics.map((k) => `metrics.${k}`), ...params.map((k) => `params.${k}`)];
  const rows = runs.map((run) => {
    const metric = (key: string) => run.data.metrics?.find((m) => m.key === key);
    const param = (key: string) => run.data.params?.find((p) => p.key === key);
    return [
      run.info.run_id,
      run.info.run_name || "-",
      run.info.status,
      formatTime(run.info.start_time),
      formatDuration(run.info.start_time, run.info.end_time),
      ...metrics.map((k) => {
        const m = metric(k);
        return m ? formatNumber(m.value) : "-";
      }),
      ...params.map((k) => param(k)?.value ?? "-"),
    ];
  });
  return renderTable(headers, rows);
}

/** One run: its info, then params, latest metrics and tags. */
export function runDetail(run: Run): string {
  const info = run.info;
  const fields: [string, string][] = [
    ["Run ID", info.run_id],
    ["Name", info.run_name || "-"],
    ["Experiment ID", info.experiment_id],
    ["Status", info.status],
    ["Lifecycle", info.lifecycle_stage],
    ["User", info.user_id || "-"],
    ["Start time", formatTime(info.start_time)],
    ["End time", formatTime(info.end_time)],
    ["Duration", formatDuration(info.start_time, info.end_time)],
    ["Artifact URI", info.artifact_uri],
  ];
  return [
    renderFields(fields),
    section("Params", run.data.params, (p: KeyValue) => [p.key, p.value]),
    section("Metrics", run.data.metrics, (m: Metric) => [m.key, formatNumber(m.value), `step ${m.step}`]),
    section("Tags", run.data.tags, (t: KeyValue) => [t.key, oneLine(t.value)]),
  ].join("\n\n");
}

function section<T>(title: string, items: readonly T[] | undefined, cells: (item: T) => string[]): string {
  if (!items || items.length === 0) return `${title}: (none)`;
  const table = renderTable(cells(items[0]!).map(() => ""), items.map(cells)).split("\n").slice(1);
  return [`${title}:`, ...table.map((line) => `  ${line}`)].join("\n");
}

/** Multi-line tag values (a git diff) would break the table: show their first line and a count. */
function oneLine(value: string): string {
  const lines = value.split("\n");
  const first = lines[0]!.length > 80 ? `${lines[0]!.slice(0, 77)}...` : lines[0]!;
  return lines.length > 1 ? `${first} (+${lines.length - 1} lines)` : first;
}
