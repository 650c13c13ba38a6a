import type { ReadScope } from "./auth-entities.js";
import type {
  DatasetInput,
  Experiment,
  JsonText,
  KeyValue,
  LoggedModel,
  LoggedModelStatus,
  Metric,
  Page,
  Param,
  Run,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from "./entities.js";

export interface CreateExperimentInput {
  name: string;
  artifact_location?: string;
  tags?: KeyValue[];
}

export interface SearchExperimentsInput {
  filter?: string;
  order_by?: string[];
  view_type: ViewType;
  max_results: number;
  page_token?: string;
  /** Only resources the user may read (a READ grant or more); absent: no filter. */
  readable_by?: ReadScope;
}

export interface CreateRunInput {
  experiment_id: string;
  user_id: string;
  run_name?: string;
  start_time: number;
  tags?: RunTag[];
}

export interface UpdateRunInput {
  run_id: string;
  status?: RunStatus;
  end_time?: number;
  run_name?: string;
}

export interface LogBatchInput {
  metrics: Metric[];
  params: Param[];
  tags: RunTag[];
}

export interface SearchRunsInput {
  experiment_ids: string[];
  filter?: string;
  run_view_type: ViewType;
  max_results: number;
  order_by?: string[];
  page_token?: string;
}

export interface MetricHistoryInput {
  run_id: string;
  metric_key: string;
  max_results: number;
  page_token?: string;
}

/** One page of search-runs: the runs as one JSON array text, absent when the page is empty. */
export interface RunsPage {
  runs?: JsonText<Run[]>;
  next_page_token?: string;
}

/** One page of a metric's history; metrics is absent when the page is empty. */
export interface MetricHistoryPage {
  metrics?: JsonText<Metric[]>;
  next_page_token?: string;
}

export interface MetricHistoryBulkInput {
  run_ids: string[];
  metric_key: string;
  start_step?: number;
  end_step?: number;
  max_results: number;
}

/** Which coordinate of a metric point a downsampled history is bucketed along. */
export type HistoryXAxis = "step" | "timestamp";

export interface DownsampledHistoryInput {
  run_id: string;
  metric_key: string;
  /** At most this many points come back (2..LIMITS.downsampleMaxPoints). */
  max_points: number;
  x_axis: HistoryXAxis;
  /** Inclusive x range; absent ends default to the history's own first and last x. */
  start?: number;
  end?: number;
}

/** A point of a downsampled history; value keeps NaN and +-Infinity as numbers. */
export interface HistoryPoint {
  step: number;
  timestamp: number;
  value: number;
}

/**
 * A metric's history reduced for charts: the min and max point of each bucket of steps (so spikes
 * survive), or every point when the range holds no more than max_points.
 */
export interface DownsampledHistory {
  points: HistoryPoint[];
  /** How many points the range holds before downsampling. */
  total_points: number;
  downsampled: boolean;
}

export interface CreateLoggedModelInput {
  experiment_id: string;
  name?: string;
  model_type?: string;
  source_run_id?: string;
  params?: Param[];
  tags?: KeyValue[];
}

export interface LoggedModelOrder {
  field_name: string;
  ascending?: boolean;
  dataset_name?: string;
  dataset_digest?: string;
}

export interface SearchLoggedModelsInput {
  experiment_ids: string[];
  filter?: string;
  datasets?: { dataset_name: string; dataset_digest?: string }[];
  max_results: number;
  order_by?: LoggedModelOrder[];
  page_token?: string;
}

/**
 * Persistence for experiments, runs and logged models. Implementations validate existence and
 * state; request shape and limits are checked before a call reaches the store. Every mutating
 * method is one transaction: it applies all of its input or none of it.
 */
export interface TrackingStore {
  createExperiment(input: CreateExperimentInput): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment>;
  getExperimentByName(name: string): Promise<Experiment>;
  searchExperiments(input: SearchExperimentsInput): Promise<Page<Experiment>>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  deleteExperiment(experimentId: string): Promise<void>;
  restoreExperiment(experimentId: string): Promise<void>;
  setExperimentTag(experimentId: string, tag: KeyValue): Promise<void>;
  deleteExperimentTag(experimentId: string, key: string): Promise<void>;

  createRun(input: CreateRunInput): Promise<JsonText<Run>>;
  getRun(runId: string): Promise<JsonText<Run>>;
  updateRun(input: UpdateRunInput): Promise<RunInfo>;
  deleteRun(runId: string): Promise<void>;
  restoreRun(runId: string): Promise<void>;
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  deleteTag(runId: string, key: string): Promise<void>;
  logInputs(runId: string, datasets: DatasetInput[], modelIds: string[]): Promise<void>;
  logOutputs(runId: string, models: { model_id: string; step: number }[]): Promise<void>;
  searchRuns(input: SearchRunsInput): Promise<RunsPage>;
  getMetricHistory(input: MetricHistoryInput): Promise<MetricHistoryPage>;
  getMetricHistoryBulkInterval(input: MetricHistoryBulkInput): Promise<Metric[]>;
  /** One metric's history min/max-downsampled per bucket of steps, aggregated in the database. */
  getMetricHistoryDownsampled(input: DownsampledHistoryInput): Promise<DownsampledHistory>;

  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel>;
  getLoggedModel(modelId: string): Promise<LoggedModel>;
  finalizeLoggedModel(modelId: string, status: LoggedModelStatus): Promise<LoggedModel>;
  deleteLoggedModel(modelId: string): Promise<void>;
  setLoggedModelTags(modelId: string, tags: KeyValue[]): Promise<void>;
  deleteLoggedModelTag(modelId: string, key: string): Promise<void>;
  logLoggedModelParams(modelId: string, params: Param[]): Promise<void>;
  searchLoggedModels(input: SearchLoggedModelsInput): Promise<Page<LoggedModel>>;

  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
