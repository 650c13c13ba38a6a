import { useMutation, useQueryClient } from "@tanstack/react-query";

/**
 * A mutation that, once it lands, refreshes every query whose key starts with `prefix`, so
 * every page showing what it changed shows the change; a refusal stays on the mutation.
 */
export function useRefreshingMutation<I, O = unknown>(prefix: readonly unknown[], run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: prefix }) });
}
