import type { Run } from "@cairn/core";
import { runColor } from "../../charts/run-colors";
import { axisScale } from "./axis-scale";
import { fieldLabel, type CompareField } from "./compare-fields";

const HEIGHT = 300;
const PAD = { top: 30, bottom: 30, left: 60, right: 60 };

/** Parallel coordinates: one vertical axis per chosen field, one polyline per run. */
export function ParallelCoordinates({ runs, labels, fields }: { runs: readonly Run[]; labels: readonly string[]; fields: CompareField[] }) {
  if (fields.length < 2) return <p className="empty">Choose at least two axes.</p>;
  const width = Math.max(480, fields.length * 160);
  const scales = fields.map(axisScale);
  const x = (i: number) => PAD.left + (i * (width - PAD.left - PAD.right)) / (fields.length - 1);
  const y = (t: number) => PAD.top + (1 - t) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <div className="plot-scroll">
      <svg className="parallel-coordinates" role="img" aria-labelledby="pc-title pc-desc" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`}>
        <title id="pc-title">Parallel coordinates of {runs.length} runs</title>
        <desc id="pc-desc">Axes: {fields.map(fieldLabel).join(", ")}. One line per run; numeric axes are scaled from their lowest to their highest value, others are ordered alphabetically.</desc>
        {fields.map((field, i) => (
          <g key={field.id} className="pc-axis">
            <line x1={x(i)} x2={x(i)} y1={y(0)} y2={y(1)} />
            <text x={x(i)} y={PAD.top - 12} textAnchor="middle" className="pc-axis-label">
              {fieldLabel(field)}
            </text>
            {scales[i]!.ticks.map((tick) => (
              <text key={tick.label + tick.at} x={x(i) - 6} y={y(tick.at) + 4} textAnchor="end" className="pc-tick">
                {tick.label}
              </text>
            ))}
          </g>
        ))}
        {runs.map((run, r) => {
          // A run missing a value breaks its line there rather than inventing a position.
          const segments: string[] = [];
          let current = "";
          fields.forEach((field, i) => {
            const t = scales[i]!.position(field.values[r]);
            if (t === undefined) {
              if (current) segments.push(current);
              current = "";
            } else current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(t).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <path key={run.info.run_id} className="pc-line" data-run={run.info.run_id} d={segments.join(" ") || "M0,0"} stroke={runColor(r)}>
              <title>{labels[r]}</title>
            </path>
          );
        })}
      </svg>
    </div>
  );
}
