import { useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { useUrlParams } from "../../use-url-params";
import { useQueries } from "@tanstack/react-query";
import type { Run } from "@cairn/core";
import { runQuery } from "../../api/entity-queries";
import { MetricCharts } from "../../charts/metric-charts";
import { runColor } from "../../charts/run-colors";
import { ErrorPanel, Loading, usePageTitle } from "../../components/page-state";
import { paths } from "../../paths";
import { compareFields, splitMetricKeys, type CompareField } from "./compare-fields";
import { DiffTable } from "./diff-table";
import { FieldChecklist, FieldSelect } from "./field-picker";
import { ParallelCoordinates } from "./parallel-coordinates";
import { ScatterPlot } from "./scatter-plot";

const list = (text: string | null) => (text ? text.split(",").filter(Boolean) : []);

/** Compare runs (/compare?runs=a,b,c): overlaid charts, parallel coordinates, a scatter plot and a diff table. */
export function ComparePage() {
  usePageTitle("Compare runs");
  const [params] = useSearchParams();
  const runIds = list(params.get("runs"));
  const queries = useQueries({ queries: runIds.map(runQuery) });
  const failed = queries.find((q) => q.isError);
  const ready = queries.every((q) => q.data !== undefined);
  const runs = ready ? queries.map((q) => q.data!) : undefined;
  return (
    <div className="page compare-page">
      <h1>Compare runs</h1>
      {runIds.length === 0 ? (
        <p className="empty">
          No runs chosen. Select runs in an <Link to={paths.experiments()}>experiment</Link> and press Compare, or open /compare?runs=id1,id2.
        </p>
      ) : failed ? (
        <ErrorPanel error={failed.error} retry={() => queries.forEach((q) => q.isError && void q.refetch())} title="Could not load a run to compare" />
      ) : !runs ? (
        <Loading what={`Loading ${runIds.length} runs`} />
      ) : (
        <CompareSections runs={runs} />
      )}
    </div>
  );
}

function CompareSections({ runs }: { runs: Run[] }) {
  const [params, updateUrl] = useUrlParams();
  const labels = runs.map((r) => r.info.run_name || r.info.run_id);
  const fields = useMemo(() => compareFields(runs), [runs]);
  const { common, other } = useMemo(() => splitMetricKeys(runs), [runs]);
  const update = (key: string, value: string) => updateUrl({ [key]: value || undefined });
  const byId = (id: string | null | undefined) => fields.find((f) => f.id === id);
  const plottable = fields.filter((f) => f.kind !== "tag");
  const extraMetrics = list(params.get("metrics")).filter((k) => other.includes(k));
  const axes = params.has("axes") ? list(params.get("axes")).map(byId).filter((f): f is CompareField => f !== undefined) : plottable.slice(0, 6);
  const x = byId(params.get("x")) ?? plottable[0];
  const y = byId(params.get("y")) ?? plottable.find((f) => f.kind === "metric" && f !== x) ?? plottable[1];
  const onlyDiff = params.get("diff") === "only";
  const charted = runs.map((r, i) => ({ runId: r.info.run_id, label: labels[i]! }));

  return (
    <>
      <ul className="run-legend" aria-label="Runs">
        {runs.map((run, i) => (
          <li key={run.info.run_id}>
            <span className="swatch" style={{ background: runColor(i) }} aria-hidden="true" />
            <Link to={paths.run(run.info.experiment_id, run.info.run_id)}>{labels[i]}</Link>
          </li>
        ))}
      </ul>

      <section aria-labelledby="cmp-metrics">
        <h2 id="cmp-metrics">Metrics</h2>
        {other.length > 0 ? (
          <FieldChecklist
            legend="Metrics not every run has"
            fields={other.map((k) => ({ id: k, kind: "metric", name: k, values: [] }))}
            chosen={extraMetrics}
            onChange={(ids) => update("metrics", ids.join(","))}
          />
        ) : null}
        <MetricCharts runs={charted} metricKeys={[...common, ...extraMetrics]} />
      </section>

      <section aria-labelledby="cmp-pc">
        <h2 id="cmp-pc">Parallel coordinates</h2>
        <FieldChecklist legend="Axes" fields={plottable} chosen={axes.map((f) => f.id)} onChange={(ids) => update("axes", ids.join(",") || ",")} />
        <ParallelCoordinates runs={runs} labels={labels} fields={axes} />
      </section>

      <section aria-labelledby="cmp-scatter">
        <h2 id="cmp-scatter">Scatter plot</h2>
        {x && y ? (
          <>
            <div className="toolbar">
              <FieldSelect label="X" fields={plottable} value={x.id} onChange={(id) => update("x", id)} />
              <FieldSelect label="Y" fields={plottable} value={y.id} onChange={(id) => update("y", id)} />
            </div>
            <ScatterPlot runs={runs} labels={labels} x={x} y={y} />
          </>
        ) : (
          <p className="empty">The runs need at least two params or metrics to plot.</p>
        )}
      </section>

      <section aria-labelledby="cmp-diff">
        <h2 id="cmp-diff">Differences</h2>
        <label className="toolbar">
          <input type="checkbox" checked={onlyDiff} onChange={(e) => update("diff", e.target.checked ? "only" : "")} /> Only differences
        </label>
        <DiffTable runs={runs} labels={labels} fields={fields} onlyDifferences={onlyDiff} />
      </section>
    </>
  );
}
