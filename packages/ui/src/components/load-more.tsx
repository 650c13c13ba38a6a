import type { UseInfiniteQueryResult } from "@tanstack/react-query";

/** "Load more" under a paged list, while the server says there is another page. */
export function LoadMore({ query, what }: { query: Pick<UseInfiniteQueryResult, "hasNextPage" | "isFetchingNextPage" | "fetchNextPage">; what: string }) {
  if (!query.hasNextPage) return null;
  return (
    <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} aria-label={`Load more ${what}`}>
      {query.isFetchingNextPage ? "Loading…" : "Load more"}
    </button>
  );
}
