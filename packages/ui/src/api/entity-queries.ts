import { queryOptions } from "@tanstack/react-query";
import { cairn } from "./client";

// One key per entity whatever page asks for it, so the run a compare page loaded is already
// there when its run page opens, and no page fetches the same thing under a second name.

/** The query for one run (info, data, inputs, outputs). */
export function runQuery(runId: string) {
  return queryOptions({ queryKey: ["runs.get", runId], queryFn: async () => (await cairn.runs.get({ run_id: runId })).run });
}

/** The query for one experiment. */
export function experimentQuery(experimentId: string) {
  return queryOptions({ queryKey: ["experiments.get", experimentId], queryFn: async () => (await cairn.experiments.get({ experiment_id: experimentId })).experiment });
}
