import { CairnError } from "@cairn/core";
import { loadRegisteredModel, type LoadedModel, type ModelDownloader } from "../model/load-model.js";
import { DeploymentFollower } from "../routing/deployment-follower.js";
import { fixedModelSource, type ModelSource, type ServeLogger } from "../routing/model-source.js";
import { InferenceLogQueue, type InferenceLogQueueOptions, type InferenceLogRecord } from "../telemetry/inference-log-queue.js";
import { createServingMetrics, type ServingMetrics } from "../telemetry/serving-metrics.js";
import { scoringEndpoints, type Endpoint } from "./endpoints.js";
import { ScoringService } from "./scoring-service.js";

/** What to serve: one models:/ URI (resolved once, at start), an already loaded model, or a deployment followed by polling. */
export type ModelSourceOptions = { modelUri: string } | { model: LoadedModel } | { deployment: string; pollIntervalMs?: number };

/** Everything but the HTTP layer: what to serve, where models and deployments come from, logging, randomness and clocks. */
export interface ScoringCoreOptions {
  source: ModelSourceOptions;
  /** Downloads model versions (a Cairn client); needed for modelUri and deployment sources unless loadVersion is given. */
  client?: ModelDownloader;
  /** GET /api/2.0/cairn/deployments/get?name= (the answer or its `deployment`); needed for a deployment source. */
  fetchDeployment?: (name: string) => Promise<unknown>;
  /** Loads one version of a registered model (default: download it with client). */
  loadVersion?: (modelName: string, version: string) => Promise<LoadedModel>;
  /** Delivers inference log batches; without it nothing is logged. */
  sendLogs?: (records: InferenceLogRecord[]) => Promise<void>;
  /** Share of predictions logged, 0..1 (default 1). */
  logSampleRate?: number;
  /** The inference log queue's capacity, batching and retries. */
  logQueue?: Omit<InferenceLogQueueOptions, "sendLogs" | "metrics" | "onDropped">;
  /** Shadow scorings in flight at most (default 4). */
  shadowMaxInFlight?: number;
  /** Uniform in [0, 1): traffic splits, shadow share, log sampling (default Math.random). */
  random?: () => number;
  /** Epoch milliseconds for log timestamps (default Date.now). */
  clock?: () => number;
  /** A monotonic clock in milliseconds for latencies (default performance.now). */
  timer?: () => number;
  logger?: ServeLogger;
}

/** The scoring server's parts that do not depend on an HTTP framework (Fastify and the Lambda handler share them). */
export interface ScoringCore {
  readonly service: ScoringService;
  readonly source: ModelSource;
  readonly metrics: ServingMetrics;
  readonly logQueue?: InferenceLogQueue;
  readonly endpoints: readonly Endpoint[];
  /** Loads what to serve; rejects when the first load fails. */
  start(): Promise<void>;
  /** Closes the models (after their requests) and flushes the inference log. */
  close(): Promise<void>;
}

const quiet: ServeLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Wires source, metrics, inference log and scoring service together. */
export function createScoringCore(options: ScoringCoreOptions): ScoringCore {
  const logger = options.logger ?? quiet;
  const metrics = createServingMetrics();
  const source = makeSource(options, metrics, logger);
  const logQueue = options.sendLogs
    ? new InferenceLogQueue({
        ...options.logQueue,
        sendLogs: options.sendLogs,
        metrics: { sent: metrics.logSent, dropped: metrics.logDropped },
        onDropped: (count, error) => logger.warn(`dropped ${count} inference log record(s) after retries: ${error instanceof Error ? error.message : String(error)}`),
      })
    : undefined;
  const service = new ScoringService({
    source,
    metrics,
    ...(logQueue ? { logQueue } : {}),
    ...(options.logSampleRate === undefined ? {} : { logSampleRate: options.logSampleRate }),
    ...(options.random ? { random: options.random } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timer ? { timer: options.timer } : {}),
    logger,
  });
  return {
    service,
    source,
    metrics,
    ...(logQueue ? { logQueue } : {}),
    endpoints: scoringEndpoints(service, metrics),
    start: () => source.start(),
    async close() {
      await source.close();
      await logQueue?.close();
    },
  };
}

function makeSource(options: ScoringCoreOptions, metrics: ServingMetrics, logger: ServeLogger): ModelSource {
  const spec = options.source;
  if ("model" in spec) return fixedModelSource(async () => spec.model, metrics, logger);
  const client = options.client;
  const loadVersion =
    options.loadVersion ??
    (client ? (name: string, version: string) => loadRegisteredModel(client, `models:/${name}/${version}`) : undefined);
  if ("modelUri" in spec) {
    if (!client) throw new CairnError("INVALID_PARAMETER_VALUE", "Serving a models:/ URI needs a client to download it with.");
    return fixedModelSource(() => loadRegisteredModel(client, spec.modelUri), metrics, logger);
  }
  if (!options.fetchDeployment) throw new CairnError("INVALID_PARAMETER_VALUE", "Serving a deployment needs fetchDeployment.");
  if (!loadVersion) throw new CairnError("INVALID_PARAMETER_VALUE", "Serving a deployment needs a client (or loadVersion) to load its versions.");
  return new DeploymentFollower({
    name: spec.deployment,
    fetchDeployment: options.fetchDeployment,
    loadVersion,
    ...(spec.pollIntervalMs === undefined ? {} : { pollIntervalMs: spec.pollIntervalMs }),
    ...(options.shadowMaxInFlight === undefined ? {} : { shadowMaxInFlight: options.shadowMaxInFlight }),
    metrics,
    logger,
  });
}
