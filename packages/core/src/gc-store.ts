/**
 * Garbage collection of deleted runs. Registered model versions own no files of their own: a
 * version's source points into its run's (or logged model's) artifacts, and deleting a version
 * removes only rows. So gc has runs to purge and nothing else.
 */

/** A registered model version whose source or run_id points at a run. */
export interface RunReferencingVersion {
  name: string;
  version: string;
  source: string;
}

/** A run in the deleted lifecycle stage, as gc sees it. */
export interface DeletedRun {
  run_id: string;
  experiment_id: string;
  artifact_uri: string;
  /** When it was deleted; absent for runs deleted before deletion times were recorded. */
  deleted_time?: number;
  /** The time the age cutoff compares: deleted_time, else the run's end, else its start. */
  deleted_or_updated_at: number;
  /** Versions still using the run's files (by run_id, runs:/<run_id>/... or a path under artifact_uri). */
  model_versions: RunReferencingVersion[];
}

/** A run gc removes (or, in a dry run, would remove), with the bytes of its artifacts. */
export interface GcRun {
  run_id: string;
  artifact_uri: string;
  bytes: number;
}

/** A deleted run gc leaves alone, and why. */
export interface GcSkipped {
  run_id: string;
  artifact_uri: string;
  reason: string;
}

/** The answer of POST gc. */
export interface GcResult {
  dry_run: boolean;
  runs: GcRun[];
  /** Deleted runs old enough but left in place (files elsewhere, or still used by a model version). */
  skipped: GcSkipped[];
  bytes_freed: number;
}

/** What gc reads and purges; every method is one transaction. */
export interface GcStore {
  /** Deleted runs whose deleted_or_updated_at is at or before `until` (ms), oldest first. */
  listDeletedRuns(input: { until: number }): Promise<DeletedRun[]>;
  /**
   * Deletes the rows of the given runs that are still deleted — params, tags, metrics and their
   * latest values, dataset inputs, model inputs and outputs, the run document and the run — and
   * returns the ids purged. Ids of active or unknown runs are left alone.
   */
  purgeRuns(runIds: readonly string[]): Promise<string[]>;
}
