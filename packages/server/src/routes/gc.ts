import type { FastifyInstance } from "fastify";
import { wire, type ArtifactStore, type GcStore } from "@cairn/core";
import { addRoute } from "../route.js";
import { collectGarbage, DEFAULT_GC_OLDER_THAN_DAYS } from "../governance/gc.js";

/** POST /api/2.0/cairn/gc (administrators): frees the files of long-deleted runs and purges them; a dry run unless dry_run is false. */
export function gcRoutes(app: FastifyInstance, deps: { store: GcStore; artifacts?: ArtifactStore; clock: () => number }): void {
  addRoute(app, {
    method: "POST",
    url: "/gc",
    summary: "Delete the artifacts of runs deleted at least older_than_days ago (default 30) and purge the runs; a dry run unless dry_run is false",
    input: wire.CollectGarbage,
    permission: { resource: "server", level: "manage" },
    handler: async (input, _params, request) => {
      const dryRun = input.dry_run ?? true;
      const olderThanDays = input.older_than_days ?? DEFAULT_GC_OLDER_THAN_DAYS;
      const result = await collectGarbage(deps, { dryRun, olderThanDays });
      const summary = { dry_run: dryRun, older_than_days: olderThanDays, runs: result.runs.length, skipped: result.skipped.length, bytes_freed: result.bytes_freed };
      Object.assign(request, { audit: { resource: "server", summary } });
      return result;
    },
  });
}
