import type { Experiment } from "@cairn/core";
import { formatTime } from "./format.js";
import { renderFields, renderTable } from "./table.js";

/** Experiments as an aligned table. */
export function experimentTable(experiments: readonly Experiment[]): string {
  return renderTable(
    ["ID", "NAME", "LIFECYCLE", "CREATED"],
    experiments.map((e) => [e.experiment_id, e.name, e.lifecycle_stage, formatTime(e.creation_time)]),
  );
}

/** One experiment, field by field, tags last. */
export function experimentDetail(e: Experiment): string {
  const fields: [string, string][] = [
    ["ID", e.experiment_id],
    ["Name", e.name],
    ["Lifecycle", e.lifecycle_stage],
    ["Artifact location", e.artifact_location || "-"],
    ["Created", formatTime(e.creation_time)],
    ["Last updated", formatTime(e.last_update_time)],
  ];
  const tags = e.tags ?? [];
  const tagLines = tags.length === 0 ? ["Tags: (none)"] : ["Tags:", ...tags.map((t) => `  ${t.key} = ${t.value}`)];
  return [renderFields(fields), ...tagLines].join("\n");
}
