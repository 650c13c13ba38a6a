import { createClient, type CairnClient, type ClientOptions } from "../client/create-client.js";
import type { RunExtension } from "../run/run-extension.js";
import { nodeLocalFiles } from "./local-files.js";
import { createCrashGuard, type CrashProcess } from "./crash-guard.js";
import { credentialsFromEnv, hasExplicitCredentials } from "./env-credentials.js";
import { captureSourceTags, type SourceContext } from "./git-source.js";
import { startSystemMetrics } from "./system-metrics.js";

/** What the node extras need. */
export interface NodeExtrasOptions extends SourceContext {
  /** Record the code checkpoint (git commit, branch, diff...) on every run (default true). */
  captureSource?: boolean;
  /** End active runs as FAILED and exit 1 on an uncaught exception or unhandled rejection (default true). */
  handleCrashes?: boolean;
  /** Injectable for tests: the process whose crashes are handled. */
  process?: CrashProcess;
}

/** createNodeClient's options: the client's plus the node extras'. */
export interface NodeClientOptions extends ClientOptions, NodeExtrasOptions {
  /** Where credentials are read when none are given (default process.env); see credentialsFromEnv. */
  env?: Record<string, string | undefined>;
}

/** The run extensions of the node entry point, for callers composing their own client. */
export function nodeRunExtensions(options: NodeExtrasOptions = {}): RunExtension[] {
  const extensions: RunExtension[] = [];
  if (options.captureSource !== false) {
    const context: SourceContext = { cwd: options.cwd, entryPoint: options.entryPoint, user: options.user };
    extensions.push({ startTags: () => captureSourceTags(context) });
  }
  extensions.push({
    attach(run, runOptions) {
      if (runOptions.systemMetrics) startSystemMetrics(run, runOptions.systemMetrics.intervalMs);
    },
  });
  if (options.handleCrashes !== false) {
    const guard = createCrashGuard(options.process);
    extensions.push({ attach: (run) => guard.watch(run) });
  }
  return extensions;
}

/**
 * createClient plus code checkpointing, system metrics, crash handling and artifact file transfers
 * for Node scripts; without explicit credentials it takes them from the environment as MLflow does.
 */
export function createNodeClient(options: NodeClientOptions): CairnClient {
  const credentials = hasExplicitCredentials(options) ? {} : credentialsFromEnv(options.env ?? process.env);
  // After options: a key present but undefined there must not erase what the environment gave.
  return createClient({ localFiles: nodeLocalFiles(), ...options, ...credentials, extensions: [...nodeRunExtensions(options), ...(options.extensions ?? [])] });
}
