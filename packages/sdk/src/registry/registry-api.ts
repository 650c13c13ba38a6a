import type { KeyValue, ModelVersion, ModelVersionStage, RegisteredModel } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type { Paged } from "../client/wire-types.js";

/** A tag as the registry endpoints take it. */
type Tags = KeyValue[];
/** A registered model's name. */
type Name = { name: string };
/** A model version: its model's name and its number (a decimal string, as on the wire). */
type VersionRef = { name: string; version: string };

/** Query of registered-models/search and model-versions/search. */
export interface RegistrySearchRequest {
  filter?: string;
  max_results?: number;
  order_by?: string[];
  page_token?: string;
}

/** Body of model-versions/create. */
export interface CreateModelVersionRequest {
  name: string;
  source: string;
  run_id?: string;
  tags?: Tags;
  run_link?: string;
  description?: string;
  model_id?: string;
}

/** MLflow's model registry endpoints (/api/2.0/mlflow/registered-models/... and model-versions/...). */
export interface RegistryEndpoints {
  /** POST registered-models/create. */
  createRegisteredModel(request: Name & { tags?: Tags; description?: string }): Promise<{ registered_model: RegisteredModel }>;
  /** GET registered-models/get: with latest versions, tags and aliases. */
  getRegisteredModel(request: Name): Promise<{ registered_model: RegisteredModel }>;
  /** PATCH registered-models/update: the description. */
  updateRegisteredModel(request: Name & { description?: string }): Promise<{ registered_model: RegisteredModel }>;
  /** POST registered-models/rename. */
  renameRegisteredModel(request: Name & { new_name: string }): Promise<{ registered_model: RegisteredModel }>;
  /** DELETE registered-models/delete: with all of its versions. */
  deleteRegisteredModel(request: Name): Promise<void>;
  /** GET registered-models/search: one page. */
  searchRegisteredModels(request?: RegistrySearchRequest): Promise<Paged<"registered_models", RegisteredModel>>;
  /** POST registered-models/get-latest-versions: the newest version per stage (all stages unless given). */
  getLatestVersions(request: Name & { stages?: string[] }): Promise<{ model_versions: ModelVersion[] }>;
  /** POST registered-models/set-tag. */
  setRegisteredModelTag(request: Name & KeyValue): Promise<void>;
  /** DELETE registered-models/delete-tag. */
  deleteRegisteredModelTag(request: Name & { key: string }): Promise<void>;
  /** POST registered-models/alias: points the alias at the version, moving it if needed. */
  setRegisteredModelAlias(request: VersionRef & { alias: string }): Promise<void>;
  /** DELETE registered-models/alias. */
  deleteRegisteredModelAlias(request: Name & { alias: string }): Promise<void>;
  /** GET registered-models/alias: the version the alias points at. */
  getModelVersionByAlias(request: Name & { alias: string }): Promise<{ model_version: ModelVersion }>;
  /** POST model-versions/create: READY at once. */
  createModelVersion(request: CreateModelVersionRequest): Promise<{ model_version: ModelVersion }>;
  /** GET model-versions/get. */
  getModelVersion(request: VersionRef): Promise<{ model_version: ModelVersion }>;
  /** PATCH model-versions/update: the description. */
  updateModelVersion(request: VersionRef & { description?: string }): Promise<{ model_version: ModelVersion }>;
  /** DELETE model-versions/delete: with its tags and the aliases pointing at it. */
  deleteModelVersion(request: VersionRef): Promise<void>;
  /** GET model-versions/search: one page. */
  searchModelVersions(request?: RegistrySearchRequest): Promise<Paged<"model_versions", ModelVersion>>;
  /** POST model-versions/set-tag. */
  setModelVersionTag(request: VersionRef & KeyValue): Promise<void>;
  /** DELETE model-versions/delete-tag. */
  deleteModelVersionTag(request: VersionRef & { key: string }): Promise<void>;
  /** POST model-versions/transition-stage (MLflow's deprecated stages, still used). */
  transitionModelVersionStage(
    request: VersionRef & { stage: ModelVersionStage | string; archive_existing_versions?: boolean },
  ): Promise<{ model_version: ModelVersion }>;
  /** GET model-versions/get-download-uri: where the version's files are (runs:/..., mlflow-artifacts:/...). */
  getModelVersionDownloadUri(request: VersionRef): Promise<{ artifact_uri: string }>;
}

/** Binds the registry endpoints to a transport. */
export function createRegistryEndpoints(t: Transport): RegistryEndpoints {
  const rm = "/registered-models";
  const mv = "/model-versions";
  return {
    createRegisteredModel: (request) => t.call("POST", `${rm}/create`, request),
    getRegisteredModel: (request) => t.call("GET", `${rm}/get`, request),
    updateRegisteredModel: (request) => t.call("PATCH", `${rm}/update`, request),
    renameRegisteredModel: (request) => t.call("POST", `${rm}/rename`, request),
    deleteRegisteredModel: (request) => t.send("DELETE", `${rm}/delete`, request),
    async searchRegisteredModels(request = {}) {
      const page = await t.call<{ registered_models?: RegisteredModel[]; next_page_token?: string }>("GET", `${rm}/search`, request);
      return { ...page, registered_models: page.registered_models ?? [] };
    },
    async getLatestVersions(request) {
      const answer = await t.call<{ model_versions?: ModelVersion[] }>("POST", `${rm}/get-latest-versions`, request);
      return { model_versions: answer.model_versions ?? [] };
    },
    setRegisteredModelTag: (request) => t.send("POST", `${rm}/set-tag`, request),
    deleteRegisteredModelTag: (request) => t.send("DELETE", `${rm}/delete-tag`, request),
    setRegisteredModelAlias: (request) => t.send("POST", `${rm}/alias`, request),
    deleteRegisteredModelAlias: (request) => t.send("DELETE", `${rm}/alias`, request),
    getModelVersionByAlias: (request) => t.call("GET", `${rm}/alias`, request),
    createModelVersion: (request) => t.call("POST", `${mv}/create`, request),
    getModelVersion: (request) => t.call("GET", `${mv}/get`, request),
    updateModelVersion: (request) => t.call("PATCH", `${mv}/update`, request),
    deleteModelVersion: (request) => t.send("DELETE", `${mv}/delete`, request),
    async searchModelVersions(request = {}) {
      const page = await t.call<{ model_versions?: ModelVersion[]; next_page_token?: string }>("GET", `${mv}/search`, request);
      return { ...page, model_versions: page.model_versions ?? [] };
    },
    setModelVersionTag: (request) => t.send("POST", `${mv}/set-tag`, request),
    deleteModelVersionTag: (request) => t.send("DELETE", `${mv}/delete-tag`, request),
    transitionModelVersionStage: (request) => t.call("POST", `${mv}/transition-stage`, request),
    getModelVersionDownloadUri: (request) => t.call("GET", `${mv}/get-download-uri`, request),
  };
}
