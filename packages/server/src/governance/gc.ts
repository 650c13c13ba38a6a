import type { ArtifactStore, GcResult, GcStore } from "@cairn/core";
import { locateRunArtifacts, sizeOf } from "./gc-locations.js";

const DAY_MS = 86_400_000;
/** Deleted runs younger than this stay in the trash unless older_than_days says otherwise. */
export const DEFAULT_GC_OLDER_THAN_DAYS = 30;

/** What gc needs: the store, the server's artifact store (if any) and the clock. */
export interface GcDeps {
  store: GcStore;
  artifacts?: ArtifactStore;
  clock: () => number;
}

/**
 * Removes the artifacts of runs deleted at least olderThanDays ago and purges the runs.
 * Registered model versions own no files (their source points into a run's or logged model's
 * artifacts), so only runs have files to free. A run is skipped, and stays deleted, when a
 * model version still uses its files or when its files are not where the server can delete
 * them. Each run's files go first and its rows after, so a failure leaves the run to retry.
 */
export async function collectGarbage(deps: GcDeps, options: { dryRun: boolean; olderThanDays: number }): Promise<GcResult> {
  const deleted = await deps.store.listDeletedRuns({ until: deps.clock() - options.olderThanDays * DAY_MS });
  const result: GcResult = { dry_run: options.dryRun, runs: [], skipped: [], bytes_freed: 0 };
  for (const run of deleted) {
    const { run_id, artifact_uri } = run;
    const users = run.model_versions;
    if (users.length > 0) {
      const named = users.slice(0, 3).map((v) => `${v.name} version ${v.version}`).join(", ") + (users.length > 3 ? ` and ${users.length - 3} more` : "");
      result.skipped.push({ run_id, artifact_uri, reason: `registered model versions still use its files (${named}); delete those versions first` });
      continue;
    }
    const location = await locateRunArtifacts(run, deps.artifacts);
    if ("skipped" in location) {
      result.skipped.push({ run_id, artifact_uri, reason: location.skipped });
      continue;
    }
    const bytes = await sizeOf(location.store, location.path);
    if (!options.dryRun) {
      await location.store.delete(location.path);
      // The run's own directory is left empty by Cairn's layout; anything else in it stays.
      if ((await location.store.list(location.runDir)).length === 0) await location.store.delete(location.runDir);
      const purged = await deps.store.purgeRuns([run_id]);
      if (purged.length === 0) {
        result.skipped.push({ run_id, artifact_uri, reason: "it was restored while gc ran, after its files were deleted" });
        continue;
      }
    }
    result.runs.push({ run_id, artifact_uri, bytes });
    result.bytes_freed += bytes;
  }
  return result;
}
