import type { WebhookStore } from "@cairn/core";
import type { StoreContext } from "./tracking/context.js";
import * as deliveries from "./webhooks/deliveries.js";
import * as webhooks from "./webhooks/webhooks.js";

/** The WebhookStore over either dialect: webhook CRUD, the delivery log and the dispatcher's lease. */
export function createWebhookStore(ctx: StoreContext): WebhookStore {
  return {
    createWebhook: (input) => webhooks.createWebhook(ctx, input),
    getWebhook: (id) => webhooks.getWebhook(ctx, id),
    listWebhooks: (input) => webhooks.listWebhooks(ctx, input),
    updateWebhook: (id, input) => webhooks.updateWebhook(ctx, id, input),
    deleteWebhook: (id) => webhooks.deleteWebhook(ctx, id),
    getWebhookTarget: (id) => webhooks.getWebhookTarget(ctx, id),
    listWebhookDeliveries: (id, input) => deliveries.listWebhookDeliveries(ctx, id, input),
    claimWebhookDeliveries: (input) => deliveries.claimWebhookDeliveries(ctx, input),
    recordWebhookAttempt: (result, options) => deliveries.recordWebhookAttempt(ctx, result, options),
  };
}
