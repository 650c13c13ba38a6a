import { invalidParameter } from "./errors.js";
import { VALID_WEBHOOK_EVENTS, WEBHOOK_ENTITIES, type UpdateWebhookInput, type WebhookEvent, type WebhookStatus } from "./webhook-entities.js";

/** Checks a webhook's name; it must have visible characters. */
export function validateWebhookName(name: string): void {
  if (name.trim() === "") throw invalidParameter("Webhook name must not be empty: give it a name such as 'deploy-on-promotion'.");
}

/** Checks a webhook URL: an absolute http:// or https:// URL. */
export function validateWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidParameter(`Invalid webhook URL '${url}': give an absolute http:// or https:// URL.`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw invalidParameter(`Invalid webhook URL '${url}': only http:// and https:// URLs are supported, not ${parsed.protocol}//.`);
  }
}

/** Normalizes events to upper case, checks each pair against VALID_WEBHOOK_EVENTS and drops duplicates. */
export function validateWebhookEvents(events: readonly { entity: string; action: string }[]): WebhookEvent[] {
  if (events.length === 0) throw invalidParameter("Webhook events must not be empty: subscribe to at least one, e.g. {entity: MODEL_VERSION, action: CREATED}.");
  const seen = new Map<string, WebhookEvent>();
  for (const e of events) {
    const entity = String(e.entity ?? "").toUpperCase();
    const action = String(e.action ?? "").toUpperCase();
    const valid = VALID_WEBHOOK_EVENTS[entity as WebhookEvent["entity"]];
    if (!valid) throw invalidParameter(`Invalid webhook entity '${e.entity}'. Valid entities are: ${WEBHOOK_ENTITIES.join(", ")}.`);
    if (!valid.includes(action as WebhookEvent["action"])) {
      throw invalidParameter(`Invalid action '${e.action}' for entity '${entity}'. Valid actions are: ${valid.join(", ")}.`);
    }
    seen.set(`${entity}.${action}`, { entity, action } as WebhookEvent);
  }
  return [...seen.values()];
}

/** Checks a webhook status (any case) and returns its canonical spelling. */
export function validateWebhookStatus(status: string): WebhookStatus {
  const upper = status.toUpperCase();
  if (upper !== "ACTIVE" && upper !== "DISABLED") throw invalidParameter(`Invalid webhook status '${status}': use ACTIVE or DISABLED.`);
  return upper;
}

/** Validates whichever fields of a create or update are present; returns normalized events and status. */
export function validateWebhookFields(input: UpdateWebhookInput): { events?: WebhookEvent[]; status?: WebhookStatus } {
  if (input.name !== undefined) validateWebhookName(input.name);
  if (input.url !== undefined) validateWebhookUrl(input.url);
  return {
    ...(input.events === undefined ? {} : { events: validateWebhookEvents(input.events) }),
    ...(input.status === undefined ? {} : { status: validateWebhookStatus(input.status) }),
  };
}
