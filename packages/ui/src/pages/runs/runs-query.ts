import { infiniteQueryOptions } from "@tanstack/react-query";
import { cairn } from "../../api/client";
import { orderByClause } from "./column-ids";
import type { RunSort, RunView } from "./use-runs-url";

// A small first page puts rows on screen fast; later pages are larger so that scrolling through
// thousands of runs costs few round trips.
const FIRST_PAGE = 250;
const LATER_PAGES = 1000;

/** What one runs listing asks the server for. */
export interface RunsSearch {
  experimentId: string;
  filter: string;
  sort: RunSort;
  view: RunView;
}

/** The paged runs search of one experiment, shared by the table and the filter box (which fetches a filter's first page before applying it). */
export function runsQueryOptions({ experimentId, filter, sort, view }: RunsSearch) {
  // start_time breaks ties so that pages of equal metric values keep a stable order.
  const orderBy = [orderByClause(sort.id, sort.descending)];
  if (sort.id !== "attributes.start_time") orderBy.push("attributes.start_time DESC");
  return infiniteQueryOptions({
    queryKey: ["runs", experimentId, filter, sort.id, sort.descending, view],
    queryFn: ({ pageParam }) =>
      cairn.runs.search({
        experiment_ids: [experimentId],
        filter: filter.trim() === "" ? undefined : filter,
        order_by: orderBy,
        run_view_type: view,
        max_results: pageParam === undefined ? FIRST_PAGE : LATER_PAGES,
        page_token: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
}
