import { runColor } from "../../charts/run-colors";
import { formatShare } from "./monitor-format";
import type { FeatureDistribution } from "./monitor-wire";

const W = 640;
const H = 260;
const PAD = { top: 12, right: 12, bottom: 64, left: 48 };
const REFERENCE = runColor(0);
const CURRENT = runColor(1);

/** The y axis top: the largest share rounded up to a tenth (at least 10%). */
function yMax(d: FeatureDistribution): number {
  const max = Math.max(0, ...d.reference, ...d.current);
  return Math.max(0.1, Math.ceil(max * 10) / 10);
}

/**
 * Reference against current shares of one feature: side-by-side bars per category, or for a
 * numeric feature the reference's histogram filled with the current one drawn over it as
 * outlined bars. Current bars are hatched so the two differ without colour.
 */
export function DistributionChart({ distribution: d, id }: { distribution: FeatureDistribution; id: string }) {
  const n = d.labels.length;
  const top = yMax(d);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = n > 0 ? plotW / n : plotW;
  const y = (share: number) => PAD.top + plotH * (1 - share / top);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * top);
  // Every label when they fit, else evenly spaced ones.
  const labelEvery = Math.max(1, Math.ceil(n / (d.kind === "categorical" ? 30 : 12)));
  const categorical = d.kind === "categorical";
  return (
    <svg className="distribution-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{`${d.feature}: reference against current`}</title>
      <desc id={`${id}-desc`}>{`${n} ${categorical ? "categories" : "bins"}; reference ${d.reference_count} values, current ${d.current_count}. The table below has the numbers.`}</desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={CURRENT} fillOpacity={categorical ? 0.85 : 0.25} />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
        </pattern>
      </defs>
      {ticks.map((t) => (
        <g key={t}>
          <line className="grid-line" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text className="pc-tick" x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
            {formatShare(t)}
          </text>
        </g>
      ))}
      {d.labels.map((label, i) => {
        const x0 = PAD.left + i * slot;
        const ref = d.reference[i] ?? 0;
        const cur = d.current[i] ?? 0;
        const tip = `${label}: reference ${formatShare(ref)}, current ${formatShare(cur)}`;
        const barW = categorical ? Math.max(1, slot * 0.4) : Math.max(1, slot - 1);
        const refX = categorical ? x0 + slot * 0.1 : x0;
        const curX = categorical ? x0 + slot * 0.5 : x0;
        return (
          <g key={`${label}-${i}`} className="distribution-bin" data-label={label}>
            <title>{tip}</title>
            <rect className="reference-bar" x={refX} y={y(ref)} width={barW} height={Math.max(0, y(0) - y(ref))} fill={REFERENCE} fillOpacity={categorical ? 0.9 : 0.45} />
            <rect className="current-bar" x={curX} y={y(cur)} width={barW} height={Math.max(0, y(0) - y(cur))} fill={`url(#${id}-hatch)`} stroke={CURRENT} strokeWidth={1.5} />
            {i % labelEvery === 0 ? (
              <text className="pc-tick" x={x0 + slot / 2} y={y(0) + 10} textAnchor="end" transform={`rotate(-40 ${x0 + slot / 2} ${y(0) + 10})`}>
                {label.length > 16 ? `${label.slice(0, 15)}…` : label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line className="axis-line" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
    </svg>
  );
}

/** The chart's key: which colour and fill is which side. */
export function DistributionLegend() {
  return (
    <ul className="run-legend distribution-legend">
      <li>
        <span className="swatch" style={{ background: REFERENCE }} aria-hidden="true" />
        Reference (solid)
      </li>
      <li>
        <span className="swatch hatched" style={{ borderColor: CURRENT, color: CURRENT }} aria-hidden="true" />
        Current (hatched)
      </li>
    </ul>
  );
}

/** The same shares as a table, for reading exact values and for screen readers. */
export function DistributionTable({ distribution: d }: { distribution: FeatureDistribution }) {
  return (
    <details className="distribution-numbers">
      <summary>Show the numbers</summary>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{d.kind === "categorical" ? "Category" : "Bin"}</th>
              <th scope="col">Reference</th>
              <th scope="col">Current</th>
            </tr>
          </thead>
          <tbody>
            {d.labels.map((label, i) => (
              <tr key={`${label}-${i}`}>
                <th scope="row">{label}</th>
                <td className="num">{formatShare(d.reference[i])}</td>
                <td className="num">{formatShare(d.current[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
