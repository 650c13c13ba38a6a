// One namespace for every request schema (core's index exports it as `wire`).
export * from "./tracking.js";
export * from "./registry.js";
export * from "./webhooks.js";
export * from "./deployments.js";
export * from "./inference-logs.js";
export * from "./monitors.js";
export * from "./approvals.js";
export * from "./model-cards.js";
export * from "./retirement.js";
