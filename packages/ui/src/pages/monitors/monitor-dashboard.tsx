import { useMemo, useState } from "react";
import type { Monitor } from "@cairn/core";
import { ErrorPanel, QueryState } from "../../components/page-state";
import { useUrlParams } from "../../use-url-params";
import { AbVerdicts } from "./ab-verdicts";
import { AlertsTimeline } from "./alerts-timeline";
import { DistributionPanel } from "./distribution-panel";
import { DriftHeatmap, HeatmapLegend, type CellChoice } from "./drift-heatmap";
import { buildHeatmap, defaultFeature } from "./heatmap-cells";
import { DriftShareChart, PerformanceChart } from "./monitor-charts";
import { useAbReport, useMonitorReport, useMonitorWindows } from "./monitor-queries";
import { QualityTable } from "./quality-table";
import { RangePicker } from "./range-picker";
import { ReportSummary } from "./report-summary";
import { rangeIdOf, rangeMs } from "./time-range";

/**
 * The monitor's figures over the chosen range. Range, feature and window live in the URL
 * (?range=&feature=&window=), so a view can be shared and back/forward step through selections.
 */
export function MonitorDashboard({ monitor }: { monitor: Monitor }) {
  const [params, update] = useUrlParams();
  const rangeId = rangeIdOf(params.get("range"));
  // Ranges are relative to when the page opened: a re-render must not move them (and refetch).
  const [now] = useState(() => Date.now());
  const range = useMemo(() => rangeMs(rangeId, now), [rangeId, now]);
  const windows = useMonitorWindows(monitor.name, range);
  const report = useMonitorReport(monitor.name, range);
  const ab = useAbReport(monitor.name, range);
  const features = useMemo(() => monitor.config.features.map((f) => f.name), [monitor]);
  const grid = useMemo(() => buildHeatmap(windows.data ?? [], features), [windows.data, features]);
  const windowParam = params.get("window");
  const selected: CellChoice = {
    feature: params.get("feature") ?? defaultFeature(grid) ?? "",
    windowStart: windowParam === null || windowParam === "" || !Number.isFinite(Number(windowParam)) ? undefined : Number(windowParam),
  };
  const select = (choice: CellChoice) => update({ feature: choice.feature, window: choice.windowStart === undefined ? undefined : String(choice.windowStart) }, { push: true });

  return (
    <>
      <div className="toolbar">
        <RangePicker value={rangeId} onChange={(id) => update({ range: id, window: undefined }, { push: true })} />
      </div>
      <section aria-labelledby="monitor-summary">
        <h2 id="monitor-summary">Summary</h2>
        <QueryState query={report} what="the report">
          {(data) => <ReportSummary report={data} />}
        </QueryState>
      </section>
      <section aria-labelledby="monitor-drift">
        <h2 id="monitor-drift">Drift by feature and window</h2>
        <QueryState query={windows} what="the windows">
          {(data) =>
            data.length === 0 ? (
              <p className="empty">No events in this range yet. Send some with POST monitors/ingest, or pick a longer range.</p>
            ) : (
              <>
                <DriftHeatmap grid={grid} selected={selected} onSelect={select} />
                <HeatmapLegend />
                <h3>Reference against current</h3>
                {selected.feature ? (
                  <DistributionPanel monitor={monitor.name} features={grid.rows.map((r) => r.feature)} windows={grid.windows} windowMs={monitor.config.window_ms} range={range} selected={selected} onChange={select} />
                ) : null}
                <div className="chart-grid monitor-charts">
                  <PerformanceChart windows={data} labeledRows={monitor.reference.labeled_rows} />
                  <DriftShareChart windows={data} threshold={monitor.config.drift_share} />
                </div>
              </>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="monitor-alerts">
        <h2 id="monitor-alerts">Alerts</h2>
        <AlertsTimeline monitor={monitor.name} sinceMs={range.start_time_ms} />
      </section>
      {ab.isError ? <ErrorPanel error={ab.error} retry={() => void ab.refetch()} title="Could not load the A/B verdicts" /> : ab.data ? <AbVerdicts report={ab.data} /> : null}
      <section aria-labelledby="monitor-quality">
        <h2 id="monitor-quality">Data quality</h2>
        <QueryState query={report} what="the data quality">
          {(data) => <QualityTable quality={data.quality} />}
        </QueryState>
      </section>
    </>
  );
}
