import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { cairn } from "../../api/client";

const DEPLOYMENTS = "deployments";
const PAGE_SIZE = 100;

/** Deployments by name, a page at a time. */
export function useDeployments() {
  return useInfiniteQuery({
    queryKey: [DEPLOYMENTS, "search"],
    queryFn: ({ pageParam }) => cairn.deployments.search({ max_results: PAGE_SIZE, ...(pageParam ? { page_token: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
}

/** One deployment, its routes resolved to versions. */
export function useDeployment(name: string) {
  return useQuery({
    queryKey: [DEPLOYMENTS, "get", name],
    queryFn: async () => (await cairn.deployments.get({ name })).deployment,
    retry: (failures, error) => (error as { code?: string })?.code !== "RESOURCE_DOES_NOT_EXIST" && failures < 1,
  });
}
