import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { approvalsApi } from "./approvals-api";

const PAGE_SIZE = 100;
// An approval moves an alias or a stage: the registry's pages must refresh with the requests.
const APPROVALS = "approvals";

/** Requests (of one model, or the inbox across models) with a status ("" for any), newest first. */
export function useApprovalRequests(filter: { name?: string; status?: string }) {
  return useInfiniteQuery({
    queryKey: [APPROVALS, "list", filter.name ?? "", filter.status ?? ""],
    queryFn: ({ pageParam, signal }) =>
      approvalsApi.list({ ...(filter.name ? { name: filter.name } : {}), ...(filter.status ? { status: filter.status } : {}), max_results: PAGE_SIZE, ...(pageParam ? { page_token: pageParam } : {}) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
}

/** A model's approval policy, undefined when it has none. */
export function useApprovalPolicy(name: string) {
  return useQuery({ queryKey: [APPROVALS, "policy", name], queryFn: async ({ signal }) => (await approvalsApi.policy(name, signal)).policy ?? null, staleTime: 30_000 });
}

/** A request or a decision; refreshes approvals, the registry and model cards (an approval moves an alias) when it lands. */
export function useApprovalMutation<I, O = unknown>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => Promise.all([APPROVALS, "registry", "model-cards"].map((prefix) => client.invalidateQueries({ queryKey: [prefix] }))),
  });
}
