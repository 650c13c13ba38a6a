export { runCli, buildProgram, CLI_VERSION } from "./run-cli.js";
export type { CliIo, TextSink } from "./cli-io.js";
export { EXIT_CODES, EXIT_FAILURE, EXIT_USAGE, exitCodeFor } from "./exit-codes.js";
export { resolveTrackingUri, DEFAULT_TRACKING_URI } from "./tracking-uri.js";
