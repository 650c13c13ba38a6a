import type { Run } from "@cairn/core";
import { runColor } from "../../charts/run-colors";
import { axisScale } from "./axis-scale";
import { fieldLabel, type CompareField } from "./compare-fields";

const W = 520;
const H = 340;
const PAD = { top: 16, right: 20, bottom: 44, left: 70 };

/** X against Y over the runs, a dot per run named by its title (shown on hover). */
export function ScatterPlot({ runs, labels, x, y }: { runs: readonly Run[]; labels: readonly string[]; x: CompareField; y: CompareField }) {
  const sx = axisScale(x);
  const sy = axisScale(y);
  const px = (t: number) => PAD.left + t * (W - PAD.left - PAD.right);
  const py = (t: number) => PAD.top + (1 - t) * (H - PAD.top - PAD.bottom);
  return (
    <svg className="scatter-plot" role="img" aria-labelledby="sc-title sc-desc" width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <title id="sc-title">
        {fieldLabel(y)} against {fieldLabel(x)}
      </title>
      <desc id="sc-desc">One point per run; runs lacking either value are left out.</desc>
      <line className="axis" x1={px(0)} x2={px(1)} y1={py(0)} y2={py(0)} />
      <line className="axis" x1={px(0)} x2={px(0)} y1={py(0)} y2={py(1)} />
      {sx.ticks.map((t) => (
        <text key={`x${t.label}${t.at}`} x={px(t.at)} y={py(0) + 16} textAnchor="middle" className="pc-tick">
          {t.label}
        </text>
      ))}
      {sy.ticks.map((t) => (
        <text key={`y${t.label}${t.at}`} x={px(0) - 6} y={py(t.at) + 4} textAnchor="end" className="pc-tick">
          {t.label}
        </text>
      ))}
      <text x={px(0.5)} y={H - 6} textAnchor="middle" className="pc-axis-label">
        {fieldLabel(x)}
      </text>
      <text x={14} y={py(0.5)} textAnchor="middle" transform={`rotate(-90 14 ${py(0.5)})`} className="pc-axis-label">
        {fieldLabel(y)}
      </text>
      {runs.map((run, i) => {
        const tx = sx.position(x.values[i]);
        const ty = sy.position(y.values[i]);
        if (tx === undefined || ty === undefined) return null;
        return (
          <circle key={run.info.run_id} className="scatter-point" data-run={run.info.run_id} cx={px(tx)} cy={py(ty)} r={6} fill={runColor(i)}>
            <title>{`${labels[i]}: ${x.name}=${x.values[i]}, ${y.name}=${y.values[i]}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
