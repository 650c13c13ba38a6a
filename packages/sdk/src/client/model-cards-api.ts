import type { ModelCard, wire } from "@cairn/core";
import type { Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/model-cards";

/** Body of model-cards/update: only the fields given change. */
export type UpdateModelCardRequest = wire.Request<typeof wire.UpdateModelCard>;

/** Cairn's model cards: one page per model version, assembled by the server from its lineage, deployments and monitors. */
export interface ModelCardsApi {
  /** GET model-cards/get. */
  get(request: { name: string; version: string }): Promise<{ card: ModelCard }>;
  /** POST model-cards/update: intended use, limitations, ethical considerations, owners (EDIT). */
  update(request: UpdateModelCardRequest): Promise<{ card: ModelCard }>;
  /** GET model-cards/html: the card as one self-contained HTML page. */
  html(request: { name: string; version: string }): Promise<string>;
}

/** Binds the model card endpoints to a transport. */
export function createModelCardsApi(t: Transport): ModelCardsApi {
  return {
    get: (request) => t.call("GET", `${BASE}/get`, request),
    update: (request) => t.call("POST", `${BASE}/update`, request),
    async html(request) {
      return (await t.request("GET", `${BASE}/html`, { query: request, headers: { accept: "text/html" } })).text();
    },
  };
}
