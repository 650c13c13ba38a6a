import type { AuthStore } from "./auth-store.js";
import type { DeploymentStore } from "./deployment-store.js";
import type { InferenceLogStore } from "./inference-log-store.js";
import type { MonitorStore } from "./monitor-store.js";
import type { RegistryStore } from "./registry-store.js";
import type { TrackingStore } from "./tracking-store.js";
import type { WebhookStore } from "./webhook-store.js";

/** Everything one database holds: tracking, the model registry and its webhooks, deployments, inference logs and monitors, behind one connection. */
export type CairnStore = TrackingStore & RegistryStore & WebhookStore & DeploymentStore & InferenceLogStore & MonitorStore & AuthStore;
