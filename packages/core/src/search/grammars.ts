import {
  ID_FIELD,
  NUMBER_FIELD,
  STRING_FIELD,
  STRING_LIST_FIELD,
  type EntityGrammar,
  type SearchGrammar,
} from "./grammar.js";

// Spellings follow mlflow/utils/search_utils.py; the first of each list is what hints suggest.
const METRIC_PREFIXES = ["metrics", "metric"];
const PARAM_PREFIXES = ["params", "param", "parameters", "parameter"];
const TAG_PREFIXES = ["tags", "tag"];
const ATTRIBUTE_PREFIXES = ["attributes", "attribute", "attr"];

const METRICS: EntityGrammar = { entity: "metric", label: "metric", prefixes: METRIC_PREFIXES, keys: { kind: "open", rule: NUMBER_FIELD, orderable: true } };

/** runs/search. IN / NOT IN on params, tags and every string attribute is Cairn's extension of MLflow's run_id-only IN. */
export const RUN_SEARCH: SearchGrammar = {
  subject: "runs",
  example: "metrics.loss < 0.5",
  defaultEntity: "attribute",
  entities: [
    METRICS,
    { entity: "param", label: "parameter", prefixes: PARAM_PREFIXES, keys: { kind: "open", rule: STRING_LIST_FIELD, orderable: true } },
    { entity: "tag", label: "tag", prefixes: TAG_PREFIXES, keys: { kind: "open", rule: STRING_LIST_FIELD, orderable: true } },
    {
      entity: "attribute",
      label: "attribute",
      prefixes: [...ATTRIBUTE_PREFIXES, "run"],
      keys: {
        kind: "fixed",
        fields: {
          run_id: STRING_LIST_FIELD,
          run_name: STRING_LIST_FIELD,
          status: STRING_LIST_FIELD,
          user_id: STRING_LIST_FIELD,
          artifact_uri: STRING_LIST_FIELD,
          lifecycle_stage: STRING_LIST_FIELD,
          start_time: NUMBER_FIELD,
          end_time: NUMBER_FIELD,
        },
        aliases: { "run name": "run_name", runName: "run_name", created: "start_time" },
        orderable: ["start_time", "end_time", "status", "run_id", "run_name", "user_id", "artifact_uri"],
      },
    },
    {
      entity: "dataset",
      label: "dataset",
      prefixes: ["datasets", "dataset"],
      keys: { kind: "fixed", fields: { name: STRING_LIST_FIELD, digest: STRING_LIST_FIELD, context: STRING_LIST_FIELD }, aliases: {}, orderable: [] },
    },
  ],
};

/** experiments/search. */
export const EXPERIMENT_SEARCH: SearchGrammar = {
  subject: "experiments",
  example: "name LIKE 'prod%'",
  defaultEntity: "attribute",
  entities: [
    { entity: "tag", label: "tag", prefixes: TAG_PREFIXES, keys: { kind: "open", rule: STRING_FIELD, orderable: false } },
    {
      entity: "attribute",
      label: "attribute",
      prefixes: ATTRIBUTE_PREFIXES,
      keys: {
        kind: "fixed",
        fields: { name: STRING_FIELD, experiment_id: ID_FIELD, creation_time: NUMBER_FIELD, last_update_time: NUMBER_FIELD },
        aliases: {},
        orderable: ["name", "experiment_id", "creation_time", "last_update_time"],
      },
    },
  ],
};

/** logged-models/search. Params and tags take IN / NOT IN as runs' do, so the two searches read alike. */
export const LOGGED_MODEL_SEARCH: SearchGrammar = {
  subject: "logged models",
  example: "metrics.accuracy > 0.9",
  defaultEntity: "attribute",
  entities: [
    METRICS,
    { entity: "param", label: "parameter", prefixes: PARAM_PREFIXES, keys: { kind: "open", rule: STRING_LIST_FIELD, orderable: false } },
    { entity: "tag", label: "tag", prefixes: TAG_PREFIXES, keys: { kind: "open", rule: STRING_LIST_FIELD, orderable: false } },
    {
      entity: "attribute",
      label: "attribute",
      prefixes: ATTRIBUTE_PREFIXES,
      keys: {
        kind: "fixed",
        fields: {
          name: STRING_LIST_FIELD,
          model_id: STRING_LIST_FIELD,
          model_type: STRING_LIST_FIELD,
          status: STRING_LIST_FIELD,
          source_run_id: STRING_LIST_FIELD,
          creation_timestamp: NUMBER_FIELD,
          last_updated_timestamp: NUMBER_FIELD,
        },
        aliases: { creation_time: "creation_timestamp", last_updated_time: "last_updated_timestamp" },
        orderable: ["name", "model_id", "model_type", "status", "source_run_id", "creation_timestamp", "last_updated_timestamp"],
      },
    },
  ],
};

/**
 * registered-models/search. Timestamps are filterable as a Cairn extension (ordering needs them
 * as fields anyway). "timestamp" means last_updated_timestamp, as in MLflow's order_by.
 */
export const REGISTERED_MODEL_SEARCH: SearchGrammar = {
  subject: "registered models",
  example: "name LIKE 'churn%'",
  defaultEntity: "attribute",
  entities: [
    { entity: "tag", label: "tag", prefixes: TAG_PREFIXES, keys: { kind: "open", rule: STRING_FIELD, orderable: false } },
    {
      entity: "attribute",
      label: "attribute",
      prefixes: ATTRIBUTE_PREFIXES,
      keys: {
        kind: "fixed",
        fields: { name: STRING_FIELD, creation_timestamp: NUMBER_FIELD, last_updated_timestamp: NUMBER_FIELD },
        aliases: { timestamp: "last_updated_timestamp" },
        orderable: ["name", "creation_timestamp", "last_updated_timestamp"],
      },
    },
  ],
};

/** model-versions/search. IN / NOT IN on every string attribute is Cairn's extension of MLflow's run_id-only IN. */
export const MODEL_VERSION_SEARCH: SearchGrammar = {
  subject: "model versions",
  example: "name = 'churn'",
  defaultEntity: "attribute",
  entities: [
    { entity: "tag", label: "tag", prefixes: TAG_PREFIXES, keys: { kind: "open", rule: STRING_FIELD, orderable: false } },
    {
      entity: "attribute",
      label: "attribute",
      prefixes: ATTRIBUTE_PREFIXES,
      keys: {
        kind: "fixed",
        fields: {
          name: STRING_LIST_FIELD,
          run_id: STRING_LIST_FIELD,
          source_path: STRING_LIST_FIELD,
          version_number: NUMBER_FIELD,
          creation_timestamp: NUMBER_FIELD,
          last_updated_timestamp: NUMBER_FIELD,
        },
        aliases: {},
        orderable: ["name", "version_number", "creation_timestamp", "last_updated_timestamp"],
      },
    },
  ],
};
