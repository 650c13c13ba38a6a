import type { Experiment } from "@cairn/core";
import { createArtifactsApi, type ArtifactsApi, type TransferOptions } from "../artifacts/artifacts-api.js";
import type { LocalFiles } from "../artifacts/local-files.js";
import { downloadModel, type DownloadedModel } from "../registry/download-model.js";
import { createRegistryApi, type RegistryApi } from "../registry/model-registry.js";
import { createTransport, type TransportOptions } from "../http/transport.js";
import type { ActiveRun } from "../run/active-run.js";
import type { RunExtension, StartRunOptions } from "../run/run-extension.js";
import { resolveExperiment, startRun, withRun, type StartRunDeps } from "../run/start-run.js";
import { createAuthApi, type AuthApi } from "./auth-api.js";
import { createAuditApi, type AuditApi } from "./audit-api.js";
import { createApprovalsApi, type ApprovalsApi } from "./approvals-api.js";
import { createModelCardsApi, type ModelCardsApi } from "./model-cards-api.js";
import { createDeploymentsApi, type DeploymentsApi } from "./deployments-api.js";
import { createGroupsApi, type GroupsApi } from "./groups-api.js";
import { createPermissionsApi, type PermissionsApi } from "./permissions-api.js";
import { createTokensApi, type TokensApi } from "./tokens-api.js";
import { createUsersApi, type UsersApi } from "./users-api.js";
import { createExperimentsApi, type ExperimentsApi } from "./experiments-api.js";
import { createInferenceLogsApi, type InferenceLogsApi } from "./inference-logs-api.js";
import { createLoggedModelsApi, type LoggedModelsApi } from "./logged-models-api.js";
import { createMetricsApi, type MetricsApi } from "./metrics-api.js";
import { createMonitorsApi, type MonitorsApi } from "./monitors-api.js";
import { createRunsApi, type RunsApi } from "./runs-api.js";
import { createWebhooksApi, type WebhooksApi } from "./webhooks-api.js";
import { createRetirementApi, type RetirementApi } from "./retirement-api.js";
import { createGcApi, type GcApi } from "./gc-api.js";

/** createClient's options: where the server is, how to talk to it, and what to inject. */
export interface ClientOptions extends TransportOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number;
  /** Capabilities plugged into startRun (createNodeClient adds git capture, system metrics, crash handling). */
  extensions?: readonly RunExtension[];
  /** The local file system for artifact uploads and downloads (createNodeClient passes node's). */
  localFiles?: LocalFiles;
}

/** A typed client for Cairn's (and MLflow's) tracking API, plus run handles. */
export interface CairnClient {
  readonly trackingUri: string;
  readonly experiments: ExperimentsApi;
  readonly runs: RunsApi;
  readonly metrics: MetricsApi;
  readonly loggedModels: LoggedModelsApi;
  readonly artifacts: ArtifactsApi;
  readonly registry: RegistryApi;
  /** Registry webhooks and their delivery log. */
  readonly webhooks: WebhooksApi;
  /** Deployments: traffic specs (canary, A/B, shadow) and their revision history. */
  readonly deployments: DeploymentsApi;
  /** Inference logs from serving processes, with labels. */
  readonly inferenceLogs: InferenceLogsApi;
  /** Monitors: drift, data quality, performance, skew, A/B verdicts and alerts of models in production. */
  readonly monitors: MonitorsApi;
  /** The hash-chained audit log: list, verify, export (admin). */
  readonly audit: AuditApi;
  /** Approval policies and the requests that move protected aliases and stages. */
  readonly approvals: ApprovalsApi;
  /** Model cards: one assembled page per model version, with written fields. */
  readonly modelCards: ModelCardsApi;
  /** Sign-in: whoami, UI session login and logout. */
  readonly auth: AuthApi;
  /** User accounts (admin). */
  readonly users: UsersApi;
  /** User groups (admin). */
  readonly groups: GroupsApi;
  /** API tokens. */
  readonly tokens: TokensApi;
  /** Permission grants on experiments, registered models, deployments and monitors. */
  readonly permissions: PermissionsApi;
  /** Retirement policies: archive or delete versions nobody uses (dry run first). */
  readonly retirement: RetirementApi;
  /** Garbage collection of long-deleted runs and their files (administrators). */
  readonly gc: GcApi;
  /** Resolves a models:/ URI and downloads the version's files into localDir (node client only). */
  downloadModel(modelUri: string, localDir: string, options?: TransferOptions): Promise<DownloadedModel>;
  /** Finds an experiment by id or name (an all-digit string is tried as an id first); undefined when missing. */
  resolveExperiment(idOrName: string): Promise<Experiment | undefined>;
  /** Starts a run (creating its experiment by name if missing) and returns a buffering handle. */
  startRun(options?: StartRunOptions): Promise<ActiveRun>;
  /** Runs body in a new run, ending it FINISHED on success and FAILED on a throw (which is rethrown). */
  withRun<T>(options: StartRunOptions, body: (run: ActiveRun) => Promise<T> | T): Promise<T>;
}

/** Creates a browser-safe client; throws INVALID_PARAMETER_VALUE at once if trackingUri is not http(s). */
export function createClient(options: ClientOptions): CairnClient {
  const transport = createTransport(options);
  const now = options.clock ?? Date.now;
  const experiments = createExperimentsApi(transport);
  const runs = createRunsApi(transport, now);
  const artifacts = createArtifactsApi(transport, options.localFiles);
  const registry = createRegistryApi(transport);
  const loggedModels = createLoggedModelsApi(transport);
  const models = options.localFiles ? { artifacts, loggedModels, runs, registry, localFiles: options.localFiles, now } : undefined;
  const deps: StartRunDeps = { experiments, runs, artifacts, ...(models ? { models } : {}), now, extensions: options.extensions ?? [] };
  return {
    trackingUri: transport.trackingUri,
    experiments,
    runs,
    metrics: createMetricsApi(transport),
    loggedModels,
    artifacts,
    registry,
    webhooks: createWebhooksApi(transport),
    deployments: createDeploymentsApi(transport),
    inferenceLogs: createInferenceLogsApi(transport),
    monitors: createMonitorsApi(transport),
    audit: createAuditApi(transport),
    approvals: createApprovalsApi(transport),
    modelCards: createModelCardsApi(transport),
    auth: createAuthApi(transport),
    users: createUsersApi(transport),
    groups: createGroupsApi(transport),
    tokens: createTokensApi(transport),
    permissions: createPermissionsApi(transport),
    retirement: createRetirementApi(transport),
    gc: createGcApi(transport),
    downloadModel: (modelUri, localDir, transfer) => downloadModel({ registry, runs, artifacts }, modelUri, localDir, transfer),
    resolveExperiment: (idOrName) => resolveExperiment(experiments, idOrName),
    startRun: (runOptions) => startRun(deps, runOptions),
    withRun: (runOptions, body) => withRun(deps, runOptions, body),
  };
}
