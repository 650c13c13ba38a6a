import type { GcStore } from "@cairn/core";
import { listDeletedRuns } from "./gc/deleted-runs.js";
import { purgeRuns } from "./gc/purge-runs.js";
import type { StoreContext } from "./tracking/context.js";

/** The GcStore over either dialect: deleted runs past a cutoff, and purging their rows. */
export function createGcStore(ctx: StoreContext): GcStore {
  return {
    listDeletedRuns: (input) => listDeletedRuns(ctx, input),
    purgeRuns: (runIds) => purgeRuns(ctx, runIds),
  };
}
