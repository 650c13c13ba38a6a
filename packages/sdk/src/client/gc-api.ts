import type { GcResult } from "@cairn/core";
import type { Transport } from "../http/transport.js";

/** Garbage collection (POST /api/2.0/cairn/gc, administrators): the files and rows of long-deleted runs. */
export interface GcApi {
  /** A dry run listing what would go unless dry_run is false; runs deleted at least older_than_days ago (server default 30). */
  collect(request?: { dry_run?: boolean; older_than_days?: number }): Promise<GcResult>;
}

/** Binds the gc endpoint to a transport. */
export function createGcApi(t: Transport): GcApi {
  return {
    // Repeating gc is harmless (what was removed is not found again), so retries are allowed.
    collect: (request = {}) => t.call("POST", "/api/2.0/cairn/gc", request),
  };
}
