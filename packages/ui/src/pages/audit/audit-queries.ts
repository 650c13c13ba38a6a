import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { auditApi, type AuditFilter } from "./audit-api";

const PAGE_SIZE = 100;

/** Audit entries matching a filter, newest first, a page at a time. */
export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ["audit", "list", filter],
    queryFn: ({ pageParam, signal }) => auditApi.list({ ...filter, max_results: PAGE_SIZE, ...(pageParam ? { page_token: pageParam } : {}) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
}

/** Verifies the chain on demand (a button), not on every visit: it reads the whole log. */
export function useAuditVerification() {
  return useMutation({ mutationFn: auditApi.verify });
}
