import type { RegistryStore } from "./registry-store.js";
import type { TrackingStore } from "./tracking-store.js";

/** Everything one database holds: tracking and the model registry, behind one connection. */
export type CairnStore = TrackingStore & RegistryStore;
