import type { ApprovalStore } from "./approval-store.js";
import type { AuthStore } from "./auth-store.js";
import type { AuditStore } from "./audit-store.js";
import type { DeploymentStore } from "./deployment-store.js";
import type { InferenceLogStore } from "./inference-log-store.js";
import type { ModelCardStore } from "./model-card-store.js";
import type { MonitorStore } from "./monitor-store.js";
import type { RegistryStore } from "./registry-store.js";
import type { RetirementStore } from "./retirement-store.js";
import type { GcStore } from "./gc-store.js";
import type { TrackingStore } from "./tracking-store.js";
import type { WebhookStore } from "./webhook-store.js";

/** Everything one database holds: tracking, the model registry and its webhooks, deployments, inference logs and monitors, behind one connection. */
export type CairnStore = TrackingStore & RegistryStore & WebhookStore & DeploymentStore & InferenceLogStore & MonitorStore & ApprovalStore & ModelCardStore & AuthStore & AuditStore & RetirementStore & GcStore;
