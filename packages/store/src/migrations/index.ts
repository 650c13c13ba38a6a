import type { Migration } from "./migration.js";
import * as tracking from "./0001-tracking.js";
import * as registry from "./0002-registry.js";
import * as webhooks from "./0003-webhooks.js";
import * as deployments from "./0004-deployments.js";
import * as inferenceLogs from "./0005-inference-logs.js";
import * as monitors from "./0006-monitors.js";
import * as governance from "./0007-governance.js";

/** Every migration in order; append only. */
export const MIGRATIONS: readonly Migration[] = [
  { name: "0001-tracking", up: tracking.up },
  { name: "0002-registry", up: registry.up },
  { name: "0003-webhooks", up: webhooks.up },
  { name: "0004-deployments", up: deployments.up },
  { name: "0005-inference-logs", up: inferenceLogs.up },
  { name: "0006-monitors", up: monitors.up },
  { name: "0007-governance", up: governance.up },
];
