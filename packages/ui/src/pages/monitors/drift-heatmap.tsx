import { useRef, useState, type KeyboardEvent } from "react";
import { formatNumber } from "../../format";
import { severityColor, symbolColor } from "./drift-scale";
import { describeCell, type HeatmapGrid } from "./heatmap-cells";
import { formatWindowStart } from "./monitor-format";

/** The selected cell: a feature and a window start (undefined: the whole range). */
export interface CellChoice {
  feature: string;
  windowStart: number | undefined;
}

/**
 * Features × windows, each cell coloured by how far its statistic is past its threshold; a
 * drifted cell also carries a mark and an outline, so colour is not the only cue. One tab stop:
 * the arrow keys move between cells (the grid pattern), Enter or a click selects one.
 */
export function DriftHeatmap({ grid, selected, onSelect }: { grid: HeatmapGrid; selected: CellChoice; onSelect(choice: { feature: string; windowStart: number }): void }) {
  const table = useRef<HTMLTableElement>(null);
  const selectedRow = Math.max(0, grid.rows.findIndex((r) => r.feature === selected.feature));
  const selectedCol = selected.windowStart === undefined ? grid.windows.length - 1 : Math.max(0, grid.windows.indexOf(selected.windowStart));
  const [focus, setFocus] = useState<[number, number] | null>(null);
  // The tab stop stays where the keyboard left it, kept inside the grid when the grid shrinks.
  const fr = Math.min(focus?.[0] ?? selectedRow, grid.rows.length - 1);
  const fc = Math.min(focus?.[1] ?? selectedCol, grid.windows.length - 1);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next: [number, number] | undefined;
    if (moves[event.key]) next = [fr + moves[event.key]![0], fc + moves[event.key]![1]];
    else if (event.key === "Home") next = [fr, 0];
    else if (event.key === "End") next = [fr, grid.windows.length - 1];
    if (!next) return;
    event.preventDefault();
    const r = Math.min(Math.max(next[0], 0), grid.rows.length - 1);
    const c = Math.min(Math.max(next[1], 0), grid.windows.length - 1);
    setFocus([r, c]);
    table.current?.querySelector<HTMLButtonElement>(`button[data-row="${r}"][data-col="${c}"]`)?.focus();
  };

  return (
    <div className="table-scroll heatmap-scroll">
      <table ref={table} role="grid" className="drift-heatmap" aria-label="Drift by feature and window" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th scope="col" className="heatmap-corner">
              Feature
            </th>
            {grid.windows.map((start) => (
              <th scope="col" key={start} className="heatmap-window">
                <span>{formatWindowStart(start)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, r) => (
            <tr key={row.feature} data-feature={row.feature}>
              <th scope="row" className="heatmap-feature">
                {row.feature}
              </th>
              {row.cells.map((cell, c) => {
                const isSelected = cell.feature === selected.feature && cell.windowStart === selected.windowStart;
                const background = severityColor(cell.severity);
                const label = describeCell(cell, formatWindowStart(cell.windowStart), formatNumber);
                return (
                  <td key={cell.windowStart} aria-selected={isSelected} className="heatmap-cell">
                    <button
                      type="button"
                      data-row={r}
                      data-col={c}
                      data-window={cell.windowStart}
                      data-drifted={cell.drifted}
                      data-severity={cell.severity}
                      className={`heatmap-button${cell.drifted ? " drifted" : ""}${cell.severity === undefined ? " unmeasured" : ""}${isSelected ? " selected" : ""}`}
                      style={{ background, color: symbolColor(background) }}
                      tabIndex={r === fr && c === fc ? 0 : -1}
                      aria-label={label}
                      title={label}
                      onFocus={() => setFocus([r, c])}
                      onClick={() => onSelect({ feature: cell.feature, windowStart: cell.windowStart })}
                    >
                      {cell.drifted ? "!" : ""}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The heatmap's key: the colour scale, the drift mark and the unmeasured colour. */
export function HeatmapLegend() {
  const steps = [
    { severity: 0, text: "no change" },
    { severity: 0.6, text: "toward the threshold" },
    { severity: 1, text: "at the threshold" },
    { severity: 2, text: "twice past" },
    { severity: 3, text: "far past" },
  ];
  return (
    <ul className="heatmap-legend" aria-label="Heatmap key">
      {steps.map((s) => (
        <li key={s.severity}>
          <span className="swatch" style={{ background: severityColor(s.severity) }} aria-hidden="true" />
          {s.text}
        </li>
      ))}
      <li>
        <span className="legend-mark" aria-hidden="true">
          !
        </span>
        drifted (also outlined)
      </li>
      <li>
        <span className="swatch" style={{ background: severityColor(undefined) }} aria-hidden="true" />
        not measured
      </li>
      <li className="muted">Distances are shown as statistic ÷ threshold, p-values as log(p) ÷ log(threshold).</li>
    </ul>
  );
}
