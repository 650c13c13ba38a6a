/**
 * Model registry entities in MLflow's wire shape (model_registry.proto, snake_case). As with
 * tracking, one shape travels from the store to the client; empty fields are left out.
 */
import type { KeyValue } from "./entities.js";

/** MLflow's (deprecated but still used) stages, in canonical spelling. */
export const MODEL_VERSION_STAGES = ["None", "Staging", "Production", "Archived"] as const;
/** One of MODEL_VERSION_STAGES. */
export type ModelVersionStage = (typeof MODEL_VERSION_STAGES)[number];

/** Stages whose existing versions transition-stage may archive (MLflow's "active" stages). */
export const ARCHIVABLE_STAGES: readonly ModelVersionStage[] = ["Staging", "Production"];

/** Registration status; Cairn registers synchronously, so versions are READY when created. */
export type ModelVersionStatus = "PENDING_REGISTRATION" | "FAILED_REGISTRATION" | "READY";

/** The tag MLflow puts on registered models and versions that are prompts, not models. */
export const PROMPT_TAG_KEY = "mlflow.prompt.is_prompt";

/** The logged-model tag listing the versions registered from it, as a JSON list of {name, version}. */
export const MODEL_VERSIONS_TAG_KEY = "mlflow.modelVersions";

/** An alias of a registered model and the version it points at. */
export interface RegisteredModelAlias {
  alias: string;
  version: string;
}

/** One version of a registered model; version is a decimal string on the wire. */
export interface ModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: ModelVersionStage;
  description: string;
  source: string;
  run_id: string;
  run_link: string;
  status: ModelVersionStatus;
  status_message?: string;
  tags?: KeyValue[];
  /** Present on single-version answers (get, get-by-alias, update, ...), absent in search results, as in MLflow. */
  aliases?: string[];
  /** The logged model this version was registered from (MLflow 3). */
  model_id?: string;
}

/** A registered model; latest_versions holds the newest version of each stage that has one. */
export interface RegisteredModel {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description?: string;
  latest_versions?: ModelVersion[];
  tags?: KeyValue[];
  aliases?: RegisteredModelAlias[];
}
