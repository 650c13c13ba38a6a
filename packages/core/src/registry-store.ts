import type { ReadScope } from "./auth-entities.js";
import type { JsonText, KeyValue, Page } from "./entities.js";
import type { ModelVersion, RegisteredModel } from "./registry-entities.js";

/** registered-models/create: a new model's name, tags and description. */
export interface CreateRegisteredModelInput {
  name: string;
  tags?: KeyValue[];
  description?: string;
}

/** A registered-model or model-version search: MLflow's filter and order_by strings, offset pages. */
export interface SearchRegistryInput {
  filter?: string;
  order_by?: string[];
  max_results: number;
  page_token?: string;
  /** Only models (and their versions) the user may read (a READ grant or more); absent: no filter. */
  readable_by?: ReadScope;
}

/** model-versions/create: where the files are, which run or logged model made them, tags and description. */
export interface CreateModelVersionInput {
  name: string;
  source: string;
  run_id?: string;
  tags?: KeyValue[];
  run_link?: string;
  description?: string;
  /** The logged model being registered (MLflow 3); its artifact location becomes the download URI. */
  model_id?: string;
}

/** model-versions/transition-stage. */
export interface TransitionStageInput {
  name: string;
  version: string;
  /** Any case; stored and answered in canonical spelling. */
  stage: string;
  /** Moves the other versions in the target stage to Archived; only for Staging and Production. */
  archive_existing_versions?: boolean;
}

/** One page of model-versions/search: the versions as one JSON array text, absent when the page is empty. */
export interface ModelVersionsPage {
  model_versions?: JsonText<ModelVersion[]>;
  next_page_token?: string;
}

/**
 * Persistence for the model registry: registered models, their versions, tags and aliases.
 * Implementations validate names, versions, stages, aliases and tag keys, and existence; every
 * mutating method is one transaction that applies all of its input or none of it. Unknown
 * models and versions are RESOURCE_DOES_NOT_EXIST; a taken name is RESOURCE_ALREADY_EXISTS.
 */
export interface RegistryStore {
  createRegisteredModel(input: CreateRegisteredModelInput): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  /** Replaces the description; undefined leaves it as it is and only touches the update time. */
  updateRegisteredModel(name: string, description: string | undefined): Promise<RegisteredModel>;
  /** Renames the model; its versions, tags and aliases follow it. */
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  /** Deletes the model with every version, tag and alias it has. */
  deleteRegisteredModel(name: string): Promise<void>;
  searchRegisteredModels(input: SearchRegistryInput): Promise<Page<RegisteredModel>>;
  /** The newest version in each of the given stages (every stage when none are given), by version. */
  getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]>;
  setRegisteredModelTag(name: string, tag: KeyValue): Promise<void>;
  /** Deleting a tag the model does not have is not an error, as in MLflow. */
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;

  /** Points alias at version, moving it from any version it pointed at before. */
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>;
  /** Removing an alias the model does not have is not an error, as in MLflow. */
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  /** The version an alias points at, with its aliases; "latest" means the newest version. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;

  /** Registers the next version (1, 2, 3, ... never reused) with status READY. */
  createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion>;
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  /** Replaces the description; undefined leaves it as it is. */
  updateModelVersion(name: string, version: string, description: string | undefined): Promise<ModelVersion>;
  /** Deletes the version with its tags and the aliases pointing at it. */
  deleteModelVersion(name: string, version: string): Promise<void>;
  transitionModelVersionStage(input: TransitionStageInput): Promise<ModelVersion>;
  /** Where the version's files are: the source, or the logged model's artifact location. */
  getModelVersionDownloadUri(name: string, version: string): Promise<string>;
  searchModelVersions(input: SearchRegistryInput): Promise<ModelVersionsPage>;
  setModelVersionTag(name: string, version: string, tag: KeyValue): Promise<void>;
  /** Deleting a tag the version does not have is not an error, as in MLflow. */
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void>;
}
