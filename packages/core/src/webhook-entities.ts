/** The registry entities a webhook can subscribe to, as MLflow's proto enum names them. */
export const WEBHOOK_ENTITIES = ["REGISTERED_MODEL", "MODEL_VERSION", "MODEL_VERSION_TAG", "MODEL_VERSION_ALIAS", "MONITOR_ALERT", "APPROVAL_REQUEST"] as const;
/** What happened to the entity, as MLflow's proto enum names it. */
export const WEBHOOK_ACTIONS = ["CREATED", "UPDATED", "DELETED", "SET", "FIRED", "RESOLVED", "APPROVED", "REJECTED", "CANCELLED"] as const;

/** One of WEBHOOK_ENTITIES. */
export type WebhookEntity = (typeof WEBHOOK_ENTITIES)[number];
/** One of WEBHOOK_ACTIONS. */
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];

/**
 * The pairs a webhook may subscribe to: MLflow's VALID_ENTITY_ACTIONS for registry entities, plus
 * Cairn's MODEL_VERSION/UPDATED, sent when a version changes stage, and MONITOR_ALERT/FIRED and
 * RESOLVED, sent when a monitor's alert rule changes state, and APPROVAL_REQUEST events, sent when
 * an alias or stage move is requested and when it is approved, rejected or cancelled.
 */
export const VALID_WEBHOOK_EVENTS: Readonly<Record<WebhookEntity, readonly WebhookAction[]>> = {
  REGISTERED_MODEL: ["CREATED"],
  MODEL_VERSION: ["CREATED", "UPDATED"],
  MODEL_VERSION_TAG: ["SET", "DELETED"],
  MODEL_VERSION_ALIAS: ["CREATED", "DELETED"],
  MONITOR_ALERT: ["FIRED", "RESOLVED"],
  APPROVAL_REQUEST: ["CREATED", "APPROVED", "REJECTED", "CANCELLED"],
};

/** An (entity, action) pair a webhook subscribes to. */
export interface WebhookEvent {
  entity: WebhookEntity;
  action: WebhookAction;
}

/** ACTIVE webhooks receive events; DISABLED ones keep their configuration and receive nothing. */
export type WebhookStatus = "ACTIVE" | "DISABLED";

/** A webhook as the API returns it; the secret never leaves the server. */
export interface Webhook {
  webhook_id: string;
  name: string;
  description?: string;
  url: string;
  events: WebhookEvent[];
  status: WebhookStatus;
  creation_timestamp: number;
  last_updated_timestamp: number;
}

/** POST webhooks. */
export interface CreateWebhookInput {
  name: string;
  description?: string;
  url: string;
  events: WebhookEvent[];
  secret?: string;
  status?: WebhookStatus;
}

/** PATCH webhooks/:id: only the given fields change; an empty secret removes it. */
export type UpdateWebhookInput = Partial<CreateWebhookInput>;

/** Where a delivery stands: waiting (pending), leased by a dispatcher (in_flight), or done. */
export type WebhookDeliveryStatus = "pending" | "in_flight" | "succeeded" | "failed";

/** One event owed to one webhook, as the delivery log shows it. */
export interface WebhookDelivery {
  delivery_id: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  last_response_status?: number;
  last_error?: string;
  created_at: number;
  updated_at: number;
  next_attempt_at?: number;
}

/** A delivery leased to one dispatcher, with what it needs to send it. */
export interface ClaimedDelivery {
  delivery_id: string;
  webhook_id: string;
  url: string;
  secret?: string;
  /** The exact JSON text to POST (and sign). */
  payload: string;
  attempts: number;
  /** Proves the lease when the result is recorded; a stale lease's result is ignored. */
  claim_token: string;
}

/** The outcome of one POST of a claimed delivery. */
export interface WebhookAttemptResult {
  delivery_id: string;
  claim_token: string;
  success: boolean;
  started_at: number;
  duration_ms: number;
  response_status?: number;
  response_body?: string;
  error?: string;
}

/** The answer of POST webhooks/:id/test. */
export interface WebhookTestResult {
  success: boolean;
  response_status?: number;
  response_body?: string;
  error_message?: string;
}

/** Deliveries are given up after this many attempts. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** Backoff never exceeds five minutes. */
export const WEBHOOK_MAX_BACKOFF_MS = 5 * 60_000;

/** Delay before the next attempt after `attempts` failures: 1 s, 2 s, 4 s ... plus up to 20% jitter, capped at 5 min. */
export function webhookBackoffMs(attempts: number, random: () => number = Math.random): number {
  const base = 1000 * 2 ** Math.max(0, attempts - 1);
  return Math.round(Math.min(WEBHOOK_MAX_BACKOFF_MS, base * (1 + 0.2 * random())));
}
