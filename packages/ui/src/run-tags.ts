import type { Run } from "@cairn/core";

/** The system tags the UI shows in their own places (see README: code checkpoints). */
export const TAG = {
  parentRunId: "mlflow.parentRunId",
  user: "mlflow.user",
  sourceName: "mlflow.source.name",
  sourceType: "mlflow.source.type",
  gitCommit: "mlflow.source.git.commit",
  gitBranch: "mlflow.source.git.branch",
  gitRepoUrl: "mlflow.source.git.repoURL",
  gitDirty: "cairn.source.git.dirty",
  gitDiff: "cairn.source.git.diff",
  note: "mlflow.note.content",
  datasetContext: "mlflow.data.context",
} as const;

/** A run's tags by key. */
export function tagsOf(run: Run): ReadonlyMap<string, string> {
  return new Map((run.data.tags ?? []).map((t) => [t.key, t.value]));
}

/** True for tags MLflow or Cairn set themselves, as opposed to the user's own. */
export function isSystemTag(key: string): boolean {
  return key.startsWith("mlflow.") || key.startsWith("cairn.");
}
