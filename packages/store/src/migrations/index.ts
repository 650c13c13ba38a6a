import type { Migration } from "./migration.js";
import * as tracking from "./0001-tracking.js";

/** Every migration in order; append only. */
export const MIGRATIONS: readonly Migration[] = [{ name: "0001-tracking", up: tracking.up }];
