import { useEffect, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { DisplayRow } from "./display-rows";
import { SelectAllBox } from "./select-all-box";
import { SortHeader } from "./sort-header";
import type { TableColumn } from "./table-columns";
import { GroupLine, RunLine } from "./table-rows";
import type { RunSort } from "./use-runs-url";

// Every line is one text line high (cells do not wrap), so a fixed estimate is exact and the
// virtualizer never has to measure.
const ROW_HEIGHT = 34;
// Ask for the next page this many lines before the end, so it is usually there before it is needed.
const PREFETCH_LINES = 150;

/** The runs table: only the lines in view are in the DOM; scrolling near the end asks for more. */
export function RunsTable({
  rows,
  experimentId,
  columns,
  sort,
  onSort,
  groupLabel,
  selected,
  loadedIds,
  onSelect,
  onSelectAll,
  onToggleRun,
  onToggleGroup,
  onNearEnd,
}: {
  rows: readonly DisplayRow[];
  experimentId: string;
  columns: readonly TableColumn[];
  sort: RunSort;
  onSort: (sort: RunSort) => void;
  groupLabel: string;
  selected: ReadonlySet<string>;
  loadedIds: readonly string[];
  onSelect: (runId: string, selected: boolean) => void;
  onSelectAll: (selected: boolean) => void;
  onToggleRun: (runId: string) => void;
  onToggleGroup: (value: string) => void;
  onNearEnd: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 6,
    // React 19 warns about flushSync during render; the table does not need synchronous updates.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= rows.length - PREFETCH_LINES) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const span = columns.length + 2;
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div ref={scroller} className="table-scroll runs-scroll" tabIndex={0} role="region" aria-label="Runs" data-runs-scroller="">
      <table className="data-table runs-table">
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <SelectAllBox loadedIds={loadedIds} selected={selected} onChange={onSelectAll} />
            </th>
            <SortHeader label="Run name" sortId="attributes.run_name" sort={sort} onSort={onSort} />
            {columns.map((c) => (
              <SortHeader key={c.id} label={c.label} kind={c.kind} sortId={c.sortId} numeric={c.numeric} sort={sort} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            if (row.kind === "group") return <GroupLine key={row.key} row={row} label={groupLabel} span={span} onToggle={onToggleGroup} />;
            return (
              <RunLine
                key={row.key}
                row={row}
                experimentId={experimentId}
                columns={columns}
                selected={selected.has(row.run.id)}
                onSelect={onSelect}
                onToggle={onToggleRun}
              />
            );
          })}
          {bottom > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
