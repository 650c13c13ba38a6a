import type { RegistryStore } from "@cairn/core";
import * as aliases from "./registry/aliases.js";
import * as models from "./registry/registered-models.js";
import * as versions from "./registry/model-versions.js";
import * as tags from "./registry/registry-tags.js";
import { searchModelVersions } from "./registry/search-model-versions.js";
import { searchRegisteredModels } from "./registry/search-registered-models.js";
import type { StoreContext } from "./tracking/context.js";

/** The RegistryStore over either dialect: each method delegates to the module for its concept. */
export function createRegistryStore(ctx: StoreContext): RegistryStore {
  return {
    createRegisteredModel: (input) => models.createRegisteredModel(ctx, input),
    getRegisteredModel: (name) => models.getRegisteredModel(ctx, name),
    updateRegisteredModel: (name, description) => models.updateRegisteredModel(ctx, name, description),
    renameRegisteredModel: (name, newName) => models.renameRegisteredModel(ctx, name, newName),
    deleteRegisteredModel: (name) => models.deleteRegisteredModel(ctx, name),
    searchRegisteredModels: (input) => searchRegisteredModels(ctx, input),
    getLatestVersions: (name, stages) => versions.getLatestVersions(ctx, name, stages),
    setRegisteredModelTag: (name, tag) => tags.setRegisteredModelTag(ctx, name, tag),
    deleteRegisteredModelTag: (name, key) => tags.deleteRegisteredModelTag(ctx, name, key),

    setRegisteredModelAlias: (name, alias, version) => aliases.setRegisteredModelAlias(ctx, name, alias, version),
    deleteRegisteredModelAlias: (name, alias) => aliases.deleteRegisteredModelAlias(ctx, name, alias),
    getModelVersionByAlias: (name, alias) => aliases.getModelVersionByAlias(ctx, name, alias),

    createModelVersion: (input) => versions.createModelVersion(ctx, input),
    getModelVersion: (name, version) => versions.getModelVersion(ctx, name, version),
    updateModelVersion: (name, version, description) => versions.updateModelVersion(ctx, name, version, description),
    deleteModelVersion: (name, version) => versions.deleteModelVersion(ctx, name, version),
    transitionModelVersionStage: (input) => versions.transitionModelVersionStage(ctx, input),
    getModelVersionDownloadUri: (name, version) => versions.getModelVersionDownloadUri(ctx, name, version),
    searchModelVersions: (input) => searchModelVersions(ctx, input),
    setModelVersionTag: (name, version, tag) => tags.setModelVersionTag(ctx, name, version, tag),
    deleteModelVersionTag: (name, version, key) => tags.deleteModelVersionTag(ctx, name, version, key),
  };
}
