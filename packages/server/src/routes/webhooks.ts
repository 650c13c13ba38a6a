import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { validateWebhookEvents, wire, type CairnStore, type WebhookStatus, type WebhookTestResult } from "@cairn/core";
import { addRoute } from "../route.js";
import { exampleWebhookPayload } from "../webhook-examples.js";
import { sendWebhook } from "../webhook-send.js";

// Webhooks watch the whole registry, so managing them is a server-level permission.
const read = { resource: "server", level: "read" } as const;
const manage = { resource: "server", level: "manage" } as const;

export interface WebhookRouteDeps {
  store: CairnStore;
  fetch: typeof fetch;
  clock: () => number;
}

/** MLflow's webhook endpoints (mlflow/protos/webhooks.proto): CRUD and a synchronous test delivery. */
export function webhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  const { store } = deps;
  addRoute(app, {
    method: "POST",
    url: "/webhooks",
    summary: "Create a webhook for registry events",
    input: wire.CreateWebhook,
    permission: manage,
    handler: async (input) => ({ webhook: await store.createWebhook({ ...input, events: input.events as never, status: input.status as WebhookStatus | undefined }) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/webhooks",
    summary: "List webhooks, newest first",
    input: wire.WebhookPage,
    permission: read,
    handler: async (input) => store.listWebhooks(input),
  });

  addRoute(app, {
    method: "GET",
    url: "/webhooks/:webhook_id",
    summary: "Get a webhook",
    input: wire.NoInput,
    params: wire.WebhookIdParams,
    permission: read,
    handler: async (_input, params) => ({ webhook: await store.getWebhook(params.webhook_id) }),
  });

  addRoute(app, {
    method: "PATCH",
    url: "/webhooks/:webhook_id",
    summary: "Update a webhook's name, description, URL, events, secret or status",
    input: wire.UpdateWebhook,
    params: wire.WebhookIdParams,
    permission: manage,
    handler: async (input, params) => ({
      webhook: await store.updateWebhook(params.webhook_id, { ...input, events: input.events as never, status: input.status as WebhookStatus | undefined }),
    }),
  });

  addRoute(app, {
    method: "DELETE",
    url: "/webhooks/:webhook_id",
    summary: "Delete a webhook and its delivery log",
    input: wire.NoInput,
    params: wire.WebhookIdParams,
    permission: manage,
    handler: async (_input, params) => {
      await store.deleteWebhook(params.webhook_id);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/webhooks/:webhook_id/test",
    summary: "Send one signed example delivery now and report the answer",
    input: wire.TestWebhook,
    params: wire.WebhookIdParams,
    permission: manage,
    handler: async (input, params) => {
      const { webhook, secret } = await store.getWebhookTarget(params.webhook_id);
      const event = input.event ? validateWebhookEvents([input.event])[0]! : webhook.events[0]!;
      const now = deps.clock();
      const payload = exampleWebhookPayload(event, now);
      const r = await sendWebhook({ url: webhook.url, secret, deliveryId: randomUUID(), payload, now }, deps.fetch);
      const result: WebhookTestResult = {
        success: r.success,
        ...(r.status === undefined ? {} : { response_status: r.status }),
        ...(r.body === undefined ? {} : { response_body: r.body }),
        ...(r.error === undefined ? {} : { error_message: r.error }),
      };
      return { result };
    },
  });
}

/** Cairn's delivery log of one webhook (MLflow keeps none): status, attempts and the last answer or error. */
export function webhookDeliveryRoutes(app: FastifyInstance, store: CairnStore): void {
  addRoute(app, {
    method: "GET",
    url: "/webhooks/:webhook_id/deliveries",
    summary: "A webhook's deliveries, newest first",
    input: wire.WebhookPage,
    params: wire.WebhookIdParams,
    permission: read,
    handler: async (input, params) => store.listWebhookDeliveries(params.webhook_id, input),
  });
}
