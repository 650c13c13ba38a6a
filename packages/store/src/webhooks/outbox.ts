import type { Kysely } from "kysely";
import type { WebhookEvent } from "@cairn/core";
import type { Database } from "../schema.js";
import type { StoreContext } from "../tracking/context.js";

/**
 * Records an event in the caller's transaction: one pending delivery per ACTIVE webhook
 * subscribed to it, and per ACTIVE webhook among extraWebhookIds (a monitor alert rule's own
 * webhooks, notified without subscribing); a webhook both subscribed and listed gets one. The
 * payload is fixed now, as MLflow's {entity, action, timestamp, data} with lower-case names, so
 * every retry sends the same bytes.
 */
export async function recordWebhookEvent(
  ctx: StoreContext,
  trx: Kysely<Database>,
  event: WebhookEvent,
  data: Record<string, unknown>,
  extraWebhookIds: readonly string[] = [],
): Promise<void> {
  const extra = [...new Set(extraWebhookIds)];
  // One row per webhook however it qualifies: the condition is on webhooks, not a join.
  const subscribers = await trx
    .selectFrom("webhooks as w")
    .select("w.webhook_id")
    .where("w.status", "=", "ACTIVE")
    .where((eb) => {
      const subscribed = eb(
        "w.webhook_id",
        "in",
        eb.selectFrom("webhook_events as e").select("e.webhook_id").where("e.entity", "=", event.entity).where("e.action", "=", event.action),
      );
      return extra.length === 0 ? subscribed : eb.or([subscribed, eb("w.webhook_id", "in", extra)]);
    })
    .orderBy("w.webhook_id")
    .execute();
  if (subscribers.length === 0) return;
  const now = ctx.clock();
  const payload = JSON.stringify({ entity: event.entity.toLowerCase(), action: event.action.toLowerCase(), timestamp: new Date(now).toISOString(), data });
  await trx
    .insertInto("webhook_deliveries")
    .values(
      subscribers.map((s) => ({
        delivery_id: ctx.newId(),
        webhook_id: s.webhook_id,
        entity: event.entity,
        action: event.action,
        payload,
        status: "pending",
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        claim_token: null,
        last_response_status: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Tags as MLflow's payloads carry them: one object from key to value. */
export function tagObject(tags: readonly { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.key, t.value]));
}
