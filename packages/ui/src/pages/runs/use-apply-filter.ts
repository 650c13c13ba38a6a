import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { runsQueryOptions, type RunsSearch } from "./runs-query";

/** The last filter the server refused, and why. */
export interface RejectedFilter {
  filter: string;
  error: unknown;
}

/**
 * Applying a filter fetches its first page before it reaches the URL: a filter the server
 * rejects leaves the table (and the link) as they were, and a good one shows at once from the cache.
 */
export function useApplyFilter(search: Omit<RunsSearch, "filter">, onApplied: (filter: string) => void) {
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [rejected, setRejected] = useState<RejectedFilter | undefined>();
  // Only the latest attempt may change the page, however the answers arrive.
  const attempt = useRef(0);

  const apply = async (filter: string) => {
    const mine = ++attempt.current;
    setPending(true);
    try {
      await client.fetchInfiniteQuery(runsQueryOptions({ ...search, filter }));
      if (mine !== attempt.current) return;
      setRejected(undefined);
      onApplied(filter);
    } catch (error) {
      if (mine === attempt.current) setRejected({ filter, error });
    } finally {
      if (mine === attempt.current) setPending(false);
    }
  };
  return { apply, pending, rejected, clear: () => setRejected(undefined) };
}
