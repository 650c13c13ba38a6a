import type { ModelCardFields, ModelCardFieldsPatch } from "./model-card-entities.js";

/**
 * Persistence for the written fields of model cards (the rest of a card is assembled from other
 * stores when it is read). The version must exist: unknown models and versions are
 * RESOURCE_DOES_NOT_EXIST; fields over their limits are INVALID_PARAMETER_VALUE, nothing written.
 */
export interface ModelCardStore {
  /** The fields as last written; empty fields (no updated_by) when never written. */
  getModelCardFields(name: string, version: string): Promise<ModelCardFields>;
  /** Changes the given fields, keeping the others; returns the fields now stored. */
  setModelCardFields(name: string, version: string, patch: ModelCardFieldsPatch, updatedBy: string): Promise<ModelCardFields>;
}
