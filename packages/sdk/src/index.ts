export { createClient, type CairnClient, type ClientOptions } from "./client/create-client.js";
export type { ExperimentsApi } from "./client/experiments-api.js";
export type { RunsApi } from "./client/runs-api.js";
export type { GetHistoryDownsampledRequest, MetricsApi } from "./client/metrics-api.js";
export type { LoggedModelsApi } from "./client/logged-models-api.js";
export type { WebhooksApi, WebhookPageRequest } from "./client/webhooks-api.js";
export type { DeploymentsApi } from "./client/deployments-api.js";
export type { InferenceLogsApi } from "./client/inference-logs-api.js";
export type { AuditApi, AuditListRequest, AuditRange } from "./client/audit-api.js";
export type { AuditEntry, AuditProblem, AuditVerification } from "@cairn/core";
export type { ApprovalsApi, SetApprovalPolicyRequest, CreateApprovalRequestRequest, ListApprovalRequestsRequest } from "./client/approvals-api.js";
export type { ModelCardsApi, UpdateModelCardRequest } from "./client/model-cards-api.js";
export type { ApprovalPolicy, ApprovalRequest, ApprovalStatus, ModelCard, ModelCardFields } from "@cairn/core";
export type { AuthApi, LoginResult, WhoAmI } from "./client/auth-api.js";
export type { UsersApi, CreateUserRequest, UpdateUserRequest } from "./client/users-api.js";
export type { GroupsApi } from "./client/groups-api.js";
export type { TokensApi, CreateTokenRequest, CreatedToken } from "./client/tokens-api.js";
export type { PermissionsApi, PermissionRef, ListPermissionsRequest } from "./client/permissions-api.js";
export type { RetirementApi, CreateRetirementPolicyRequest } from "./client/retirement-api.js";
export type { GcApi } from "./client/gc-api.js";
export type { RetirementPolicy, RetirementChange, RetirementRunResult, GcResult, GcRun, GcSkipped } from "@cairn/core";
export type {
  MonitorsApi,
  MonitorBatchOptions,
  CreateMonitorRequest,
  SearchMonitorsRequest,
  UpdateMonitorRequest,
  MonitorRangeRequest,
  MonitorSkewRequest,
  CreateAlertRuleRequest,
  ListMonitorAlertsRequest,
} from "./client/monitors-api.js";
export type {
  AbReport,
  DatasetDrift,
  DriftSideSummary,
  DriftStatus,
  FeatureDistribution,
  FeatureDrift,
  MonitorEvaluation,
  MonitorFigures,
  MonitorReport,
  MonitorSkewResult,
  PerformanceSummary,
  QualitySummary,
  RowSkew,
  RowSkewFeature,
  SkewFeature,
  VariantComparison,
  WindowSeriesEntry,
} from "@cairn/core";
export type * from "./client/wire-types.js";
export { decodeMetric, decodeRun, decodeLoggedModel, encodeMetricValue } from "./client/wire-values.js";
export type { FetchLike, FileMethod, HeadersOption, HttpMethod, RawRequest, TransportOptions } from "./http/transport.js";
export { ServerUnreachableError, isServerUnreachable } from "./http/http-errors.js";
export { RETRYABLE_STATUSES, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./http/retry-policy.js";
export { ActiveRun, type MetricOptions, type ParamValue } from "./run/active-run.js";
export type { RunExtension, StartRunOptions } from "./run/run-extension.js";
export { PARENT_RUN_TAG, USER_TAG, ensureExperiment, resolveExperiment } from "./run/start-run.js";
export type { ArtifactsApi, ArtifactFile, TransferOptions, TransferProgress, TransferResult, UploadOptions } from "./artifacts/artifacts-api.js";
export type { LocalFile, LocalFiles } from "./artifacts/local-files.js";
export { proxyPathOf, joinArtifactPath, SUPPORTED_ARTIFACT_SCHEMES } from "./artifacts/artifact-uri.js";
export type { RegistryEndpoints, RegistrySearchRequest, CreateModelVersionRequest } from "./registry/registry-api.js";
export type { RegistryApi, RegisterModelOptions } from "./registry/model-registry.js";
export { parseModelUri, type ModelReference } from "./registry/model-uri.js";
export type { DownloadedModel } from "./registry/download-model.js";
export { onnxMlmodel, mlflowUtcTime, MLFLOW_VERSION, ONNX_MODEL_FILE, type LogModelOptions, type LoggedModelResult, type ModelLoggingDeps } from "./models/log-model.js";
export { TENSOR_DTYPES, COLUMN_TYPES, schemaJson, type TensorDtype, type TensorSpec, type TensorSignature, type ColumnType, type ColumnSpec, type ModelSignature } from "./models/model-signature.js";
export { toYaml, type YamlValue } from "./models/yaml.js";
