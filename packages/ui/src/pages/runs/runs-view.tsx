import { useCallback, useMemo } from "react";
import { useNavigate } from "react-router";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { ErrorPanel, Loading } from "../../components/page-state";
import { paths } from "../../paths";
import { ColumnChooser } from "./column-chooser";
import { parseDataColumn, type DataColumn } from "./column-ids";
import { defaultColumns } from "./default-columns";
import { buildDisplayRows } from "./display-rows";
import { FilterBox } from "./filter-box";
import { GroupBySelect } from "./group-by-select";
import { collectKeys, indexRun, type IndexedRun } from "./run-fields";
import { RunsTable } from "./runs-table";
import { runsQueryOptions } from "./runs-query";
import { FIXED_COLUMNS, dataTableColumn } from "./table-columns";
import { useApplyFilter } from "./use-apply-filter";
import { useRunsUrl, type RunView } from "./use-runs-url";
import { useSelection } from "./use-selection";
import { useToggleSet } from "./use-toggle-set";

/** The runs of one experiment: filter, sort, choose columns, group, nest, select and compare. */
export function RunsView({ experimentId }: { experimentId: string }) {
  const navigate = useNavigate();
  const [url, setUrl] = useRunsUrl();
  const search = { experimentId, sort: url.sort, view: url.view };
  // While a new sort or view loads, the old rows stay rather than flashing a spinner.
  const query = useInfiniteQuery({ ...runsQueryOptions({ ...search, filter: url.filter }), placeholderData: keepPreviousData });
  const filtering = useApplyFilter(search, (filter) => setUrl({ filter }));

  const runs = useMemo(() => loadedRuns(query.data?.pages), [query.data]);
  const keys = useMemo(() => collectKeys(runs), [runs]);
  const chosen = url.cols ?? defaultColumns(keys);
  const chosenColumns = chosen.map(parseDataColumn).filter((c): c is DataColumn => c !== undefined);
  const columns = [...FIXED_COLUMNS, ...chosenColumns.map(dataTableColumn)];
  // A column from a link stays in the chooser (to be unticked) even when no loaded run has it.
  const chooserKeys = { ...keys };
  for (const c of chosenColumns) if (!chooserKeys[c.kind].includes(c.key)) chooserKeys[c.kind] = [...chooserKeys[c.kind], c.key];

  const groupBy = useMemo(() => (url.group ? parseDataColumn(url.group) : undefined), [url.group]);
  const [expandedRuns, toggleRun] = useToggleSet();
  const [collapsedGroups, toggleGroup] = useToggleSet();
  const rows = useMemo(() => buildDisplayRows(runs, { groupBy, expandedRuns, collapsedGroups }), [runs, groupBy, expandedRuns, collapsedGroups]);
  const [selected, changeSelection] = useSelection();
  const loadedIds = useMemo(() => runs.map((r) => r.id), [runs]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A bad filter from a link fails the listing itself: show it where a typed one would be.
  const listingRejectsFilter = query.isError && (query.error as { code?: string }).code === "INVALID_PARAMETER_VALUE" && url.filter !== "";
  const filterProblem = filtering.rejected ?? (listingRejectsFilter ? { filter: url.filter, error: query.error } : undefined);

  return (
    <>
      <FilterBox applied={url.filter} error={filterProblem?.error} rejected={filterProblem?.filter ?? ""} pending={filtering.pending} onApply={(f) => void filtering.apply(f)} />
      <div className="toolbar runs-toolbar">
        <label>
          Show{" "}
          <select value={url.view} onChange={(e) => setUrl({ view: e.target.value as RunView })}>
            <option value="ACTIVE_ONLY">active runs</option>
            <option value="DELETED_ONLY">deleted runs</option>
            <option value="ALL">all runs</option>
          </select>
        </label>
        <GroupBySelect params={keys.params} tags={keys.tags} value={url.group} onChange={(group) => setUrl({ group })} />
        <ColumnChooser keys={chooserKeys} chosen={chosen} onChange={(cols) => setUrl({ cols })} />
        <button type="button" className="primary" disabled={selected.size < 2} onClick={() => navigate(paths.compare([...selected]))}>
          Compare ({selected.size})
        </button>
        <span className="load-status muted" role="status" aria-live="polite">
          {loadStatus(runs.length, hasNextPage, isFetchingNextPage || query.isFetching)}
        </span>
      </div>
      {query.isPending ? (
        <Loading what="Loading runs" />
      ) : query.isError && !query.isFetchNextPageError ? (
        listingRejectsFilter ? null : <ErrorPanel error={query.error} retry={() => void query.refetch()} title="Could not load the runs" />
      ) : runs.length === 0 ? (
        <p className="empty">{url.filter ? "No run matches this filter." : "No runs in this experiment yet."}</p>
      ) : (
        <RunsTable
          rows={rows}
          experimentId={experimentId}
          columns={columns}
          sort={url.sort}
          onSort={(sort) => setUrl({ sort })}
          groupLabel={groupBy?.key ?? ""}
          selected={selected}
          loadedIds={loadedIds}
          onSelect={(id, on) => changeSelection([id], on)}
          onSelectAll={(on) => changeSelection(loadedIds, on)}
          onToggleRun={toggleRun}
          onToggleGroup={toggleGroup}
          onNearEnd={onNearEnd}
        />
      )}
      {query.isFetchNextPageError ? <ErrorPanel error={query.error} retry={() => void fetchNextPage()} title="Could not load more runs" /> : null}
    </>
  );
}

/** The loaded pages' runs, once each: offset pages can overlap when runs are created meanwhile. */
function loadedRuns(pages: readonly { runs: Parameters<typeof indexRun>[0][] }[] | undefined): IndexedRun[] {
  const seen = new Set<string>();
  const runs: IndexedRun[] = [];
  for (const page of pages ?? []) {
    for (const run of page.runs) {
      if (seen.has(run.info.run_id)) continue;
      seen.add(run.info.run_id);
      runs.push(indexRun(run));
    }
  }
  return runs;
}

function loadStatus(loaded: number, more: boolean, fetching: boolean): string {
  const count = `${loaded.toLocaleString("en-US")} ${loaded === 1 ? "run" : "runs"} loaded`;
  if (fetching) return `${count}, loading…`;
  return more ? `${count}; more on the server, scroll to load them` : `${count} (all)`;
}
