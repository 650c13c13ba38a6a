export { openStore, openDialect, sqlitePath, type OpenStoreOptions } from "./open-store.js";
export { createTrackingStore } from "./kysely-tracking-store.js";
export { createRegistryStore } from "./kysely-registry-store.js";
export { createWebhookStore } from "./kysely-webhook-store.js";
export { createDeploymentStore } from "./kysely-deployment-store.js";
export { createInferenceLogStore } from "./kysely-inference-log-store.js";
export { createMonitorStore } from "./kysely-monitor-store.js";
export { migrateToLatest } from "./migrate.js";
export type { StoreDialect, MetricPoint } from "./dialects/dialect.js";
