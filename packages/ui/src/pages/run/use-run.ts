import { useQuery } from "@tanstack/react-query";
import { isCairnError } from "@cairn/core";
import { experimentQuery, runQuery } from "../../api/entity-queries";

// A run that does not exist will not appear on a retry; a network hiccup might clear.
const retryUnlessRefused = (failures: number, error: unknown) => failures < 1 && !(isCairnError(error) && error.status < 500);

/** One run (info, data, inputs, outputs); polled while it is running, so the page follows it. */
export function useRun(runId: string) {
  return useQuery({
    ...runQuery(runId),
    retry: retryUnlessRefused,
    refetchInterval: (query) => (query.state.data?.info.status === "RUNNING" ? 10_000 : false),
  });
}

/** One experiment, for breadcrumbs and titles. */
export function useExperiment(experimentId: string) {
  return useQuery({
    ...experimentQuery(experimentId),
    retry: retryUnlessRefused,
  });
}
