import type { RegistryStore } from "./registry-store.js";
import type { TrackingStore } from "./tracking-store.js";
import type { WebhookStore } from "./webhook-store.js";

/** Everything one database holds: tracking, the model registry and its webhooks, behind one connection. */
export type CairnStore = TrackingStore & RegistryStore & WebhookStore;
