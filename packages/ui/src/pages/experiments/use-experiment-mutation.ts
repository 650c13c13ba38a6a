import { useMutation, useQueryClient } from "@tanstack/react-query";

/** Wraps a mutation that changes experiments: refreshes every experiments query when it lands. */
export function useExperimentMutation<I, O = unknown>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: ["experiments"] }) });
}
