import type { CreateWebhookInput, UpdateWebhookInput, Webhook, WebhookDelivery, WebhookEvent, WebhookTestResult } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type { Paged } from "./wire-types.js";

/** One page of a webhook listing: max_results (1..1000) and the token of the previous answer. */
export interface WebhookPageRequest {
  max_results?: number;
  page_token?: string;
}

/** MLflow's webhook endpoints (/api/2.0/mlflow/webhooks/...) plus Cairn's delivery log. */
export interface WebhooksApi {
  /** POST webhooks: subscribes a URL to registry events. */
  create(request: CreateWebhookInput): Promise<{ webhook: Webhook }>;
  /** GET webhooks: one page, newest first. */
  list(request?: WebhookPageRequest): Promise<Paged<"webhooks", Webhook>>;
  /** GET webhooks/{webhook_id}. */
  get(request: { webhook_id: string }): Promise<{ webhook: Webhook }>;
  /** PATCH webhooks/{webhook_id}: only the given fields change; an empty secret removes it. */
  update(request: UpdateWebhookInput & { webhook_id: string }): Promise<{ webhook: Webhook }>;
  /** DELETE webhooks/{webhook_id}: the webhook and its delivery log. */
  delete(request: { webhook_id: string }): Promise<void>;
  /** POST webhooks/{webhook_id}/test: sends one example delivery now (of event, default the webhook's first). */
  test(request: { webhook_id: string; event?: WebhookEvent }): Promise<{ result: WebhookTestResult }>;
  /** GET /api/2.0/cairn/webhooks/{webhook_id}/deliveries: one page of the delivery log, newest first. */
  deliveries(request: WebhookPageRequest & { webhook_id: string }): Promise<Paged<"deliveries", WebhookDelivery>>;
}

const path = (webhookId: string) => `/webhooks/${encodeURIComponent(webhookId)}`;

/** Binds the webhook endpoints to a transport. */
export function createWebhooksApi(t: Transport): WebhooksApi {
  return {
    create: (request) => t.call("POST", "/webhooks", request),
    async list(request = {}) {
      const page = await t.call<{ webhooks?: Webhook[]; next_page_token?: string }>("GET", "/webhooks", request);
      return { ...page, webhooks: page.webhooks ?? [] };
    },
    get: ({ webhook_id }) => t.call("GET", path(webhook_id)),
    update: ({ webhook_id, ...changes }) => t.call("PATCH", path(webhook_id), changes),
    delete: ({ webhook_id }) => t.send("DELETE", path(webhook_id), {}),
    test: ({ webhook_id, ...body }) => t.call("POST", `${path(webhook_id)}/test`, body),
    async deliveries({ webhook_id, ...query }) {
      const page = await t.call<{ deliveries?: WebhookDelivery[]; next_page_token?: string }>("GET", `/api/2.0/cairn${path(webhook_id)}/deliveries`, query);
      return { ...page, deliveries: page.deliveries ?? [] };
    },
  };
}
