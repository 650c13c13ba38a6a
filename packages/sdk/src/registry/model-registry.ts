import { CairnError, isCairnError, type KeyValue, type ModelLineage, type ModelVersion } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import { parseModelUri } from "./model-uri.js";
import { createRegistryEndpoints, type RegistryEndpoints } from "./registry-api.js";

/** What registerModel records besides the name and source. */
export interface RegisterModelOptions {
  runId?: string;
  /** The MLflow 3 logged model the version comes from. */
  modelId?: string;
  tags?: Record<string, string>;
  description?: string;
}

/** The registry endpoints plus MLflow's fluent conveniences. */
export interface RegistryApi extends RegistryEndpoints {
  /** Registers source as a new version of name, creating the registered model if it is missing. */
  registerModel(name: string, source: string, options?: RegisterModelOptions): Promise<ModelVersion>;
  /** The version a models:/ URI names (number, @alias, stage or latest); RESOURCE_DOES_NOT_EXIST when there is none. */
  resolveModelUri(uri: string): Promise<ModelVersion>;
  /** Everything the version a models:/ URI names came from: logged model, run, code checkpoint, datasets, experiment. */
  lineage(uri: string): Promise<ModelLineage>;
}

/** Binds the registry to a transport. */
export function createRegistryApi(t: Transport): RegistryApi {
  const endpoints = createRegistryEndpoints(t);

  async function registerModel(name: string, source: string, options: RegisterModelOptions = {}): Promise<ModelVersion> {
    try {
      await endpoints.createRegisteredModel({ name });
    } catch (error) {
      // Registering a further version of an existing model is the common case, not a failure.
      if (!isCairnError(error) || error.code !== "RESOURCE_ALREADY_EXISTS") throw error;
    }
    const tags = Object.entries(options.tags ?? {}).map(([key, value]): KeyValue => ({ key, value }));
    const { model_version } = await endpoints.createModelVersion({
      name,
      source,
      ...(options.runId ? { run_id: options.runId } : {}),
      ...(options.modelId ? { model_id: options.modelId } : {}),
      ...(options.description ? { description: options.description } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    });
    return model_version;
  }

  async function resolveModelUri(uri: string): Promise<ModelVersion> {
    const ref = parseModelUri(uri);
    switch (ref.kind) {
      case "version":
        return (await endpoints.getModelVersion({ name: ref.name, version: ref.version })).model_version;
      case "alias":
        return (await endpoints.getModelVersionByAlias({ name: ref.name, alias: ref.alias })).model_version;
      case "stage":
      case "latest": {
        const stages = ref.kind === "stage" ? [ref.stage] : undefined;
        const { model_versions } = await endpoints.getLatestVersions({ name: ref.name, ...(stages ? { stages } : {}) });
        const newest = model_versions.reduce<ModelVersion | undefined>((best, v) => (!best || Number(v.version) > Number(best.version) ? v : best), undefined);
        if (!newest) {
          const where = ref.kind === "stage" ? `in stage '${ref.stage}'` : "at all";
          throw new CairnError("RESOURCE_DOES_NOT_EXIST", `Registered model '${ref.name}' has no version ${where} (${uri}).`);
        }
        // get-latest-versions leaves aliases out; get answers the full version.
        return (await endpoints.getModelVersion({ name: ref.name, version: newest.version })).model_version;
      }
    }
  }

  async function lineage(uri: string): Promise<ModelLineage> {
    const ref = parseModelUri(uri);
    // Aliases are asked for as such; stages and "latest" first resolve to a version number.
    const query = ref.kind === "alias" ? { name: ref.name, alias: ref.alias } : { name: ref.name, version: ref.kind === "version" ? ref.version : (await resolveModelUri(uri)).version };
    return t.call<ModelLineage>("GET", "/api/2.0/cairn/lineage", query);
  }

  return { ...endpoints, registerModel, resolveModelUri, lineage };
}
