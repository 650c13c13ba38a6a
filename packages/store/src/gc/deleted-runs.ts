import { sql } from "kysely";
import type { DeletedRun, RunReferencingVersion } from "@cairn/core";
import { reading, type StoreContext } from "../tracking/context.js";

const RUNS_SCHEME = "runs:/";
const ARTIFACTS_SEGMENT = "/artifacts";

/**
 * Deleted runs last touched at or before `until` (by deletion time, else end, else start), oldest first, each
 * with the registered versions still pointing at its files: by run_id, by a runs:/<run_id>/...
 * source, or by a source under its artifact_uri. The versions are matched in memory against one
 * read of model_versions, since a source prefix cannot use an index.
 */
export async function listDeletedRuns(ctx: StoreContext, input: { until: number }): Promise<DeletedRun[]> {
  return reading(ctx, async (db) => {
    const age = sql<number | string>`coalesce(r.deleted_time, r.end_time, r.start_time)`;
    const rows = await db
      .selectFrom("runs as r")
      .select(["r.run_uuid", "r.experiment_id", "r.artifact_uri", "r.deleted_time"])
      .select(age.as("age"))
      .where("r.lifecycle_stage", "=", "deleted")
      .where(age, "<=", input.until)
      .orderBy(age)
      .orderBy("r.run_uuid")
      .execute();
    if (rows.length === 0) return [];
    const versions = await db.selectFrom("model_versions").select(["name", "version", "source", "run_id"]).orderBy("name").orderBy("version").execute();

    const byRunId = new Map(rows.map((r) => [r.run_uuid, [] as RunReferencingVersion[]]));
    const byArtifactUri = new Map(rows.map((r) => [r.artifact_uri.replace(/\/+$/, ""), r.run_uuid]));
    for (const v of versions) {
      const ref = { name: v.name, version: String(Number(v.version)), source: v.source };
      const runs = new Set<string>();
      if (byRunId.has(v.run_id)) runs.add(v.run_id);
      if (v.source.startsWith(RUNS_SCHEME)) runs.add(v.source.slice(RUNS_SCHEME.length).replace(/^\/+/, "").split("/")[0]!);
      // Every prefix of the source that ends in /artifacts may be a run's artifact_uri.
      for (let at = v.source.indexOf(ARTIFACTS_SEGMENT); at >= 0; at = v.source.indexOf(ARTIFACTS_SEGMENT, at + 1)) {
        const end = at + ARTIFACTS_SEGMENT.length;
        if (end < v.source.length && v.source[end] !== "/") continue;
        const runId = byArtifactUri.get(v.source.slice(0, end));
        if (runId !== undefined) runs.add(runId);
      }
      for (const runId of runs) byRunId.get(runId)?.push(ref);
    }

    return rows.map((r) => ({
      run_id: r.run_uuid,
      experiment_id: String(r.experiment_id),
      artifact_uri: r.artifact_uri,
      ...(r.deleted_time === null ? {} : { deleted_time: Number(r.deleted_time) }),
      deleted_or_updated_at: Number(r.age),
      model_versions: byRunId.get(r.run_uuid) ?? [],
    }));
  });
}
