import { memo } from "react";
import { Link } from "react-router";
import { paths } from "../../paths";
import type { GroupRow, RunRow } from "./display-rows";
import type { TableColumn } from "./table-columns";

// Lines are memoized: scrolling re-renders the table on every frame, and only the lines that
// come into view need rendering, not the ones already shown.

/** A group's header line: a toggle naming the group's value, and its run count. */
export const GroupLine = memo(function GroupLine({ row, label, span, onToggle }: { row: GroupRow; label: string; span: number; onToggle: (value: string) => void }) {
  return (
    <tr className="group-row">
      <td colSpan={span}>
        <button type="button" className="tree-toggle" aria-expanded={!row.collapsed} onClick={() => onToggle(row.value)}>
          <span aria-hidden="true">{row.collapsed ? "▸" : "▾"}</span> {label} = <strong>{row.value}</strong>
        </button>{" "}
        <span className="group-count">
          {row.count} {row.count === 1 ? "run" : "runs"}
        </span>
      </td>
    </tr>
  );
});

/** One run's line: its checkbox, its name (indented under its parent, with a toggle for its children) and its cells. */
export const RunLine = memo(function RunLine({
  row,
  experimentId,
  columns,
  selected,
  onSelect,
  onToggle,
}: {
  row: RunRow;
  experimentId: string;
  columns: readonly TableColumn[];
  selected: boolean;
  onSelect: (runId: string, selected: boolean) => void;
  onToggle: (runId: string) => void;
}) {
  const { run } = row;
  const name = run.run.info.run_name || run.id;
  return (
    // data-run-name lets bench/ui.ts see when a given run has been scrolled into view.
    <tr className={run.run.info.lifecycle_stage === "deleted" ? "deleted" : undefined} aria-selected={selected} data-run-row="" data-run-name={name}>
      <td className="select-cell">
        <input type="checkbox" aria-label={`Select ${name}`} checked={selected} onChange={(e) => onSelect(run.id, e.target.checked)} />
      </td>
      <td className="run-name-cell">
        <span className="run-name" style={{ paddingLeft: `${row.depth * 1.4}rem` }}>
          {row.childCount > 0 ? (
            <button type="button" className="tree-toggle" aria-expanded={row.expanded} aria-label={`Child runs of ${name}`} onClick={() => onToggle(run.id)}>
              <span aria-hidden="true">{row.expanded ? "▾" : "▸"}</span>
            </button>
          ) : (
            <span className="tree-spacer" aria-hidden="true" />
          )}
          <Link to={paths.run(experimentId, run.id)}>{name}</Link>
          {row.childCount > 0 ? <span className="badge" title={`${row.childCount} child runs loaded`}>{row.childCount}</span> : null}
          {run.run.info.lifecycle_stage === "deleted" ? <span className="badge">deleted</span> : null}
        </span>
      </td>
      {columns.map((column) => (
        <td key={column.id} className={column.kind === "metric" ? "num" : undefined}>
          {column.cell(run)}
        </td>
      ))}
    </tr>
  );
});
