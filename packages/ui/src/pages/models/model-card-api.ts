import type { ModelCard, ModelCardFieldsPatch } from "@cairn/core";
import { getJson, governanceUrl, postJson } from "../../auth/governance-http";

/** The model-card endpoints (contract: model cards). */
export const modelCardApi = {
  /** The card of one version (READ on the model). */
  get: (name: string, version: string, signal?: AbortSignal) => getJson<{ card: ModelCard }>("model-cards/get", { name, version }, signal),
  /** Saves the written fields; only the given ones change (EDIT on the model). */
  update: (name: string, version: string, patch: ModelCardFieldsPatch) => postJson<{ card: ModelCard }>("model-cards/update", { name, version, ...patch }),
  /** The self-contained HTML card, for a link. */
  htmlUrl: (name: string, version: string) => governanceUrl("model-cards/html", { name, version }),
};
