import { useCallback, useMemo } from "react";
import { useUrlParams, type UrlChange } from "../../use-url-params";

/** Which runs MLflow's run_view_type asks for. */
export type RunView = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

/** The table's sort: a column id and its direction. */
export interface RunSort {
  id: string;
  descending: boolean;
}

/** Everything about the runs table that a link should reproduce. */
export interface RunsUrlState {
  filter: string;
  sort: RunSort;
  /** Chosen data column ids; undefined means the defaults. */
  cols: string[] | undefined;
  group: string | undefined;
  view: RunView;
}

/** MLflow's default order: newest first. */
export const DEFAULT_SORT: RunSort = { id: "attributes.start_time", descending: true };

// Lists in one parameter are comma-separated; a key's own commas (and the % escaping them) are
// escaped first so that any key survives the round trip.
const encodeItem = (item: string) => item.replace(/%/g, "%25").replace(/,/g, "%2C");
const decodeItem = (item: string) => item.replace(/%2C/gi, ",").replace(/%25/g, "%");

function parseSort(text: string | null): RunSort {
  if (!text) return DEFAULT_SORT;
  const space = text.lastIndexOf(" ");
  const direction = space > 0 ? text.slice(space + 1).toUpperCase() : "";
  if (direction === "ASC" || direction === "DESC") return { id: text.slice(0, space), descending: direction === "DESC" };
  return { id: text, descending: false };
}

/** The runs table's state in the URL (?filter, ?sort=metrics.loss DESC, ?cols, ?group, ?view) and a setter merging changes into it. */
export function useRunsUrl(): [RunsUrlState, (change: Partial<RunsUrlState>) => void] {
  const [params, updateUrl] = useUrlParams();
  const state = useMemo<RunsUrlState>(() => {
    const cols = params.get("cols");
    const view = params.get("view");
    return {
      filter: params.get("filter") ?? "",
      sort: parseSort(params.get("sort")),
      cols: cols === null ? undefined : cols === "" ? [] : cols.split(",").map(decodeItem),
      group: params.get("group") || undefined,
      view: view === "DELETED_ONLY" || view === "ALL" ? view : "ACTIVE_ONLY",
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<RunsUrlState>) => {
      const url: UrlChange = {};
      if ("filter" in change) url.filter = change.filter || undefined;
      if ("sort" in change && change.sort) {
        const isDefault = change.sort.id === DEFAULT_SORT.id && change.sort.descending === DEFAULT_SORT.descending;
        url.sort = isDefault ? undefined : `${change.sort.id} ${change.sort.descending ? "DESC" : "ASC"}`;
      }
      if ("cols" in change) url.cols = change.cols?.map(encodeItem).join(",");
      if ("group" in change) url.group = change.group || undefined;
      if ("view" in change) url.view = change.view === "ACTIVE_ONLY" ? undefined : change.view;
      updateUrl(url);
    },
    [updateUrl],
  );
  return [state, update];
}
