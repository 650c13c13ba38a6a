import { useQuery } from "@tanstack/react-query";
import { isCairnError } from "@cairn/core";
import { cairn } from "../../api/client.js";

// A run that does not exist will not appear on a retry; a network hiccup might clear.
const retryUnlessRefused = (failures: number, error: unknown) => failures < 1 && !(isCairnError(error) && error.status < 500);

/** One run (info, data, inputs, outputs); polled while it is running, so the page follows it. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: ["runs.get", runId],
    queryFn: async () => (await cairn.runs.get({ run_id: runId })).run,
    retry: retryUnlessRefused,
    refetchInterval: (query) => (query.state.data?.info.status === "RUNNING" ? 10_000 : false),
  });
}

/** One experiment, for breadcrumbs and titles. */
export function useExperiment(experimentId: string) {
  return useQuery({
    queryKey: ["experiments.get", experimentId],
    queryFn: async () => (await cairn.experiments.get({ experiment_id: experimentId })).experiment,
    retry: retryUnlessRefused,
  });
}
