export * from "./errors.js";
export * from "./limits.js";
export * from "./entities.js";
export * from "./page-token.js";
export * from "./tracking-store.js";
export * from "./validation.js";
export * from "./search/index.js";
export * as wire from "./wire/tracking.js";
export { parseMetricValue } from "./metric-value.js";
