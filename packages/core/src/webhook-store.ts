import type {
  ClaimedDelivery,
  CreateWebhookInput,
  UpdateWebhookInput,
  Webhook,
  WebhookAttemptResult,
  WebhookDelivery,
} from "./webhook-entities.js";

/** A page request: MLflow's max_results and opaque page_token. */
export interface WebhookPageInput {
  max_results?: number;
  page_token?: string;
}

/** What a test delivery needs: where to send and the secret to sign with. */
export interface WebhookTarget {
  webhook: Webhook;
  secret?: string;
}

/**
 * Persistence for registry webhooks and their outbox. Registry writes add deliveries in their
 * own transaction; dispatchers lease due deliveries with claimWebhookDeliveries and report each
 * POST with recordWebhookAttempt, which schedules the retry or gives up.
 */
export interface WebhookStore {
  createWebhook(input: CreateWebhookInput): Promise<Webhook>;
  getWebhook(webhookId: string): Promise<Webhook>;
  /** Newest first. */
  listWebhooks(input: WebhookPageInput): Promise<{ webhooks: Webhook[]; next_page_token?: string }>;
  updateWebhook(webhookId: string, input: UpdateWebhookInput): Promise<Webhook>;
  /** Deletes the webhook and its delivery log. */
  deleteWebhook(webhookId: string): Promise<void>;
  /** The webhook with its secret, for a test delivery. */
  getWebhookTarget(webhookId: string): Promise<WebhookTarget>;
  /** A webhook's deliveries, newest first. */
  listWebhookDeliveries(webhookId: string, input: WebhookPageInput): Promise<{ deliveries: WebhookDelivery[]; next_page_token?: string }>;
  /**
   * Leases up to `limit` due deliveries (pending and due, or in flight with an expired lease)
   * until now + leaseMs. Concurrent callers get disjoint sets.
   */
  claimWebhookDeliveries(input: { now: number; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]>;
  /**
   * Records one attempt: success ends the delivery; a failure schedules the next attempt after
   * webhookBackoffMs, or fails it for good after WEBHOOK_MAX_ATTEMPTS. False when the lease was lost.
   */
  recordWebhookAttempt(result: WebhookAttemptResult, options?: { random?: () => number }): Promise<boolean>;
}
