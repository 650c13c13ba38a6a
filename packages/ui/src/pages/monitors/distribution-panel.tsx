import { useId } from "react";
import { ErrorPanel, Loading } from "../../components/page-state";
import { DistributionChart, DistributionLegend, DistributionTable } from "./distribution-chart";
import type { CellChoice } from "./drift-heatmap";
import type { TimeRangeMs } from "./monitor-api";
import { formatWindowStart } from "./monitor-format";
import { useFeatureDistribution } from "./monitor-queries";
import { windowRange } from "./time-range";

/** The selected feature's reference-versus-current overlay, over the whole range or one window, with its two selects. */
export function DistributionPanel(props: {
  monitor: string;
  features: readonly string[];
  windows: readonly number[];
  windowMs: number;
  range: TimeRangeMs;
  selected: CellChoice;
  onChange(choice: CellChoice): void;
}) {
  const { monitor, features, windows, windowMs, range, selected, onChange } = props;
  // SVG references (url(#...), aria-labelledby) need an id without the punctuation useId gives.
  const id = `dist${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const query = useFeatureDistribution(monitor, selected.feature, windowRange(range, selected.windowStart, windowMs));
  const d = query.data;
  return (
    <figure className="distribution-panel card" data-feature={selected.feature} data-window={selected.windowStart ?? "all"} data-shown={d && !query.isPlaceholderData ? `${d.feature}@${selected.windowStart ?? "all"}` : undefined}>
      <figcaption className="toolbar">
        <label>
          Feature{" "}
          <select value={selected.feature} onChange={(e) => onChange({ ...selected, feature: e.target.value })}>
            {features.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          Window{" "}
          <select value={selected.windowStart === undefined ? "" : String(selected.windowStart)} onChange={(e) => onChange({ ...selected, windowStart: e.target.value === "" ? undefined : Number(e.target.value) })}>
            <option value="">Whole range</option>
            {windows.map((w) => (
              <option key={w} value={w}>
                {formatWindowStart(w)}
              </option>
            ))}
          </select>
        </label>
        {query.isFetching && d ? <span className="muted" aria-live="polite">loading…</span> : null}
      </figcaption>
      {query.isError ? (
        <ErrorPanel error={query.error} retry={() => void query.refetch()} title={`Could not load the distribution of ${selected.feature}`} />
      ) : !d ? (
        <Loading what={`Loading the distribution of ${selected.feature}`} />
      ) : (
        <>
          <DistributionLegend />
          {d.current_count === 0 ? <p className="empty">No current values of {d.feature} in this {selected.windowStart === undefined ? "range" : "window"}: only the reference is drawn.</p> : null}
          <DistributionChart distribution={d} id={id} />
          <DistributionTable distribution={d} />
        </>
      )}
    </figure>
  );
}
