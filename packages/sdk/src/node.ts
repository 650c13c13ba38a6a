export * from "./index.js";
export { createNodeClient, nodeRunExtensions, type NodeClientOptions, type NodeExtrasOptions } from "./node/create-node-client.js";
export { captureSourceTags, truncateDiff, MAX_DIFF_CHARS, SOURCE_TAGS, type SourceContext } from "./node/git-source.js";
export { startSystemMetrics, createSystemSampler, SYSTEM_METRICS, type SystemSample } from "./node/system-metrics.js";
export { createCrashGuard, type CrashProcess, type CrashReporter } from "./node/crash-guard.js";
export { nodeLocalFiles } from "./node/local-files.js";
export { credentialsFromEnv, type EnvCredentials } from "./node/env-credentials.js";
