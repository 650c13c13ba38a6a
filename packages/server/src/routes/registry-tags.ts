import type { KeyValue } from "@cairn/core";

/** Tags as MLflow's proto reads them: a missing value is the empty string. */
export function withValues(tags: readonly { key: string; value?: string }[] | undefined): KeyValue[] | undefined {
  return tags?.map((t) => ({ key: t.key, value: t.value ?? "" }));
}
