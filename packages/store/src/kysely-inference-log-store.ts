import type { InferenceLogStore } from "@cairn/core";
import { getInferenceLogs, searchInferenceLogs } from "./inference-logs/inference-log-search.js";
import { attachInferenceLabels, logInferences } from "./inference-logs/inference-log-writes.js";
import type { StoreContext } from "./tracking/context.js";

/** The InferenceLogStore over either dialect: idempotent batch ingest, labels, search. */
export function createInferenceLogStore(ctx: StoreContext): InferenceLogStore {
  return {
    logInferences: (records) => logInferences(ctx, records),
    attachInferenceLabels: (labels) => attachInferenceLabels(ctx, labels),
    searchInferenceLogs: (input) => searchInferenceLogs(ctx, input),
    getInferenceLogs: (requestId) => getInferenceLogs(ctx, requestId),
  };
}
