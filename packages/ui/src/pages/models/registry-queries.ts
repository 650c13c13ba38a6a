import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { cairn } from "../../api/client";
import { runQuery } from "../../api/entity-queries";
import { useRefreshingMutation } from "../../api/use-refreshing-mutation";
import { registeredModelsFilter, versionsOfModelFilter } from "./registry-filters";

const MODELS_PAGE_SIZE = 100;
const VERSIONS_PAGE_SIZE = 100;

// Every registry query starts with "registry", so one invalidation after a change refreshes
// the list, the model, its versions and lineage alike (an alias or stage shows in all of them).
const REGISTRY = "registry";

/** Registered models (not prompts) whose name contains search, by name, a page at a time. */
export function useRegisteredModels(search: string) {
  return useInfiniteQuery({
    queryKey: [REGISTRY, "models", search],
    queryFn: ({ pageParam }) =>
      cairn.registry.searchRegisteredModels({ filter: registeredModelsFilter(search), order_by: ["name ASC"], max_results: MODELS_PAGE_SIZE, page_token: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
}

/** One registered model, with its tags, aliases and latest versions. */
export function useRegisteredModel(name: string) {
  return useQuery({
    queryKey: [REGISTRY, "model", name],
    queryFn: async () => (await cairn.registry.getRegisteredModel({ name })).registered_model,
  });
}

/** A registered model's versions, newest first, a page at a time. */
export function useModelVersions(name: string) {
  return useInfiniteQuery({
    queryKey: [REGISTRY, "versions", name],
    queryFn: ({ pageParam }) =>
      cairn.registry.searchModelVersions({ filter: versionsOfModelFilter(name), order_by: ["version_number DESC"], max_results: VERSIONS_PAGE_SIZE, page_token: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
  });
}

/** One model version, aliases included. */
export function useModelVersion(name: string, version: string) {
  return useQuery({
    queryKey: [REGISTRY, "version", name, version],
    queryFn: async () => (await cairn.registry.getModelVersion({ name, version })).model_version,
  });
}

/** Where a model version came from: run, code checkpoint, datasets, experiment and what is missing. */
export function useVersionLineage(name: string, version: string) {
  return useQuery({
    queryKey: [REGISTRY, "lineage", name, version],
    queryFn: () => cairn.registry.lineage(`models:/${name}/${version}`),
  });
}

/** A run a version was registered from; not under the registry keys, since registry changes do not change runs. */
export function useSourceRun(runId: string) {
  return useQuery({
    ...runQuery(runId),
    enabled: runId !== "",
    retry: false,
    staleTime: 60_000,
  });
}

/** A change to the registry: refreshes every registry query when it lands, and keeps the server's error when refused. */
export function useRegistryMutation<I, O = unknown>(run: (input: I) => Promise<O>) {
  return useRefreshingMutation([REGISTRY], run);
}
