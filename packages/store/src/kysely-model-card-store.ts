import type { ModelCardStore } from "@cairn/core";
import * as fields from "./model-cards/model-card-fields.js";
import type { StoreContext } from "./tracking/context.js";

/** The ModelCardStore over either dialect: the written fields of each version's card. */
export function createModelCardStore(ctx: StoreContext): ModelCardStore {
  return {
    getModelCardFields: (name, version) => fields.getModelCardFields(ctx, name, version),
    setModelCardFields: (name, version, patch, updatedBy) => fields.setModelCardFields(ctx, name, version, patch, updatedBy),
  };
}
