import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { LIMITS } from "../limits.js";

// Request schemas for MLflow's tracking endpoints (mlflow/protos/service.proto). int64 fields
// are integers (clients may send them as strings; the server coerces), repeated fields arrays.

const Str = (options = {}) => Type.String(options);
const Int = (options = {}) => Type.Integer(options);
const KeyValue = Type.Object({ key: Str(), value: Str() });
const TagList = Type.Array(Type.Object({ key: Str(), value: Type.Optional(Str()) }));
/** A metric value: a number, or "NaN" / "Infinity" / "-Infinity" / a numeric string as protobuf JSON allows. */
export const MetricValue = Type.Union([Type.Number(), Type.String()]);
const ViewType = Type.Union([Type.Literal("ACTIVE_ONLY"), Type.Literal("DELETED_ONLY"), Type.Literal("ALL")]);
const maxResults = (max: number) => Type.Optional(Int({ minimum: 1, maximum: max }));

export const CreateExperiment = Type.Object({
  name: Str(),
  artifact_location: Type.Optional(Str()),
  tags: Type.Optional(TagList),
});
export const ExperimentIdQuery = Type.Object({ experiment_id: Str() });
export const ExperimentByName = Type.Object({ experiment_name: Str() });
export const SearchExperiments = Type.Object({
  max_results: maxResults(LIMITS.searchExperimentsMax),
  page_token: Type.Optional(Str()),
  filter: Type.Optional(Str()),
  order_by: Type.Optional(Type.Array(Str())),
  view_type: Type.Optional(ViewType),
});
export const UpdateExperiment = Type.Object({ experiment_id: Str(), new_name: Str() });
export const SetExperimentTag = Type.Object({ experiment_id: Str(), key: Str(), value: Str() });
export const DeleteExperimentTag = Type.Object({ experiment_id: Str(), key: Str() });

export const CreateRun = Type.Object({
  experiment_id: Type.Optional(Str()),
  user_id: Type.Optional(Str()),
  run_name: Type.Optional(Str()),
  start_time: Type.Optional(Int()),
  tags: Type.Optional(TagList),
});
export const RunStatus = Type.Union(["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"].map((s) => Type.Literal(s)));
export const UpdateRun = Type.Object({
  run_id: Type.Optional(Str()),
  run_uuid: Type.Optional(Str()),
  status: Type.Optional(Str()),
  end_time: Type.Optional(Int()),
  run_name: Type.Optional(Str()),
});
export const RunIdBody = Type.Object({ run_id: Str() });
export const RunIdQuery = Type.Object({ run_id: Type.Optional(Str()), run_uuid: Type.Optional(Str()) });

const MetricFields = {
  key: Str(),
  value: MetricValue,
  timestamp: Int(),
  step: Type.Optional(Int()),
  model_id: Type.Optional(Str()),
  dataset_name: Type.Optional(Str()),
  dataset_digest: Type.Optional(Str()),
};
export const LogMetric = Type.Object({ run_id: Type.Optional(Str()), run_uuid: Type.Optional(Str()), ...MetricFields });
export const LogParam = Type.Object({ run_id: Type.Optional(Str()), run_uuid: Type.Optional(Str()), key: Str(), value: Str() });
export const SetTag = Type.Object({ run_id: Type.Optional(Str()), run_uuid: Type.Optional(Str()), key: Str(), value: Str() });
export const DeleteTag = Type.Object({ run_id: Str(), key: Str() });
export const LogBatch = Type.Object({
  run_id: Str(),
  metrics: Type.Optional(Type.Array(Type.Object(MetricFields))),
  params: Type.Optional(Type.Array(KeyValue)),
  tags: Type.Optional(Type.Array(KeyValue)),
});
const Dataset = Type.Object({
  name: Str(),
  digest: Str(),
  source_type: Str(),
  source: Str(),
  schema: Type.Optional(Str()),
  profile: Type.Optional(Str()),
});
export const LogInputs = Type.Object({
  run_id: Str(),
  datasets: Type.Optional(Type.Array(Type.Object({ tags: Type.Optional(Type.Array(KeyValue)), dataset: Dataset }))),
  models: Type.Optional(Type.Array(Type.Object({ model_id: Str() }))),
});
export const LogOutputs = Type.Object({
  run_id: Str(),
  models: Type.Array(Type.Object({ model_id: Str(), step: Type.Optional(Int()) })),
});
export const SearchRuns = Type.Object({
  experiment_ids: Type.Optional(Type.Array(Str())),
  filter: Type.Optional(Str()),
  run_view_type: Type.Optional(ViewType),
  max_results: maxResults(LIMITS.searchRunsMax),
  order_by: Type.Optional(Type.Array(Str())),
  page_token: Type.Optional(Str()),
});
export const GetMetricHistory = Type.Object({
  run_id: Type.Optional(Str()),
  run_uuid: Type.Optional(Str()),
  metric_key: Str(),
  page_token: Type.Optional(Str()),
  max_results: maxResults(LIMITS.metricHistoryPage),
});
export const GetMetricHistoryBulkInterval = Type.Object({
  run_ids: Type.Array(Str(), { minItems: 1, maxItems: 100 }),
  metric_key: Str(),
  start_step: Type.Optional(Int()),
  end_step: Type.Optional(Int()),
  max_results: maxResults(2500),
});

export const CreateLoggedModel = Type.Object({
  experiment_id: Str(),
  name: Type.Optional(Str()),
  model_type: Type.Optional(Str()),
  source_run_id: Type.Optional(Str()),
  params: Type.Optional(Type.Array(KeyValue)),
  tags: Type.Optional(Type.Array(KeyValue)),
});
export const ModelIdParams = Type.Object({ model_id: Str() });
export const ModelTagParams = Type.Object({ model_id: Str(), tag_key: Str() });
export const FinalizeLoggedModel = Type.Object({ model_id: Type.Optional(Str()), status: Str() });
export const SetLoggedModelTags = Type.Object({ tags: Type.Array(KeyValue) });
export const LogLoggedModelParams = Type.Object({ params: Type.Array(KeyValue) });
export const SearchLoggedModels = Type.Object({
  experiment_ids: Type.Optional(Type.Array(Str())),
  filter: Type.Optional(Str()),
  datasets: Type.Optional(Type.Array(Type.Object({ dataset_name: Str(), dataset_digest: Type.Optional(Str()) }))),
  max_results: maxResults(LIMITS.searchLoggedModelsMax),
  order_by: Type.Optional(
    Type.Array(
      Type.Object({
        field_name: Str(),
        ascending: Type.Optional(Type.Boolean()),
        dataset_name: Type.Optional(Str()),
        dataset_digest: Type.Optional(Str()),
      }),
    ),
  ),
  page_token: Type.Optional(Str()),
});

/** The static type of a request schema. */
export type Request<S extends TSchema> = Static<S>;
