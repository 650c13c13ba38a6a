import type { ModelLineage } from "@cairn/core";
import { formatTime } from "./format.js";

/** The lineage of a model version as indented sections a person can read top to bottom. */
export function lineageView(lineage: ModelLineage): string {
  const v = lineage.model_version;
  const lines = [`Model:      ${v.name} version ${v.version}${v.aliases?.length ? ` (@${v.aliases.join(", @")})` : ""}, stage ${v.current_stage}`, `Source:     ${v.source}`];
  if (lineage.logged_model) lines.push(`Logged model: ${lineage.logged_model.info.model_id} (${lineage.logged_model.info.name})`);
  if (lineage.experiment) lines.push(`Experiment: ${lineage.experiment.name} (id ${lineage.experiment.experiment_id})`);
  const run = lineage.run;
  if (run) {
    lines.push(`Run:        ${run.info.run_id} (${run.info.run_name}), ${run.info.status}, started ${formatTime(run.info.start_time)}`);
    if (run.data.params?.length) lines.push("", "Params:", ...run.data.params.map((p) => `  ${p.key} = ${p.value}`));
    if (run.data.metrics?.length) lines.push("", "Metrics:", ...run.data.metrics.map((m) => `  ${m.key} = ${m.value} (step ${m.step})`));
  }
  const code = lineage.code;
  if (code) {
    lines.push("", "Code:");
    if (code.git_commit) lines.push(`  commit ${code.git_commit}${code.git_dirty ? " (with uncommitted changes)" : ""}`);
    if (code.git_branch) lines.push(`  branch ${code.git_branch}`);
    if (code.git_repo_url) lines.push(`  repo   ${code.git_repo_url}`);
    if (code.source_name) lines.push(`  entry  ${code.source_name}`);
  }
  if (lineage.datasets?.length) {
    lines.push("", "Datasets:");
    for (const input of lineage.datasets) {
      const context = input.tags?.find((t) => t.key === "mlflow.data.context")?.value;
      lines.push(`  ${input.dataset.name} (digest ${input.dataset.digest}${context ? `, ${context}` : ""})`);
    }
  }
  if (lineage.missing?.length) lines.push("", "Not found:", ...lineage.missing.map((m) => `  ${m}`));
  return lines.join("\n");
}
