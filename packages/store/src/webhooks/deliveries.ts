import {
  WEBHOOK_MAX_ATTEMPTS,
  webhookBackoffMs,
  type ClaimedDelivery,
  type WebhookAttemptResult,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  type WebhookPageInput,
} from "@cairn/core";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { nextToken, pageOf, requireWebhook } from "./webhook-rows.js";

/** Response bodies and errors are kept to this many characters. */
const KEPT_TEXT = 1000;

/**
 * Leases due deliveries of ACTIVE webhooks: pending ones whose time has come, and in_flight ones
 * whose lease ran out (their dispatcher died). On PostgreSQL FOR UPDATE SKIP LOCKED lets replicas claim side by
 * side without waiting for or taking each other's rows; SQLite has a single writer already.
 */
export async function claimWebhookDeliveries(ctx: StoreContext, input: { now: number; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const { now, limit, leaseMs } = input;
  return inTransaction(ctx, async (trx) => {
    let due = trx
      .selectFrom("webhook_deliveries")
      .select("delivery_id")
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
          eb.and([eb("status", "=", "in_flight"), eb("lease_until", "<=", now)]),
        ]),
      )
      // A disabled webhook's deliveries wait, and go out if it is enabled again.
      .where("webhook_id", "in", (eb) => eb.selectFrom("webhooks").select("webhook_id").where("status", "=", "ACTIVE"))
      .orderBy("next_attempt_at")
      .orderBy("delivery_id")
      .limit(limit);
    if (ctx.d.name === "postgres") due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.delivery_id);
    if (ids.length === 0) return [];
    const claimToken = ctx.newId();
    await trx
      .updateTable("webhook_deliveries")
      .set({ status: "in_flight", lease_until: now + leaseMs, claim_token: claimToken, updated_at: now })
      .where("delivery_id", "in", ids)
      .execute();
    const rows = await trx
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhooks as w", "w.webhook_id", "d.webhook_id")
      .select(["d.delivery_id", "d.webhook_id", "w.url", "w.secret", "d.payload", "d.attempts"])
      .where("d.delivery_id", "in", ids)
      .orderBy("d.next_attempt_at")
      .orderBy("d.delivery_id")
      .execute();
    return rows.map((r) => ({
      delivery_id: r.delivery_id,
      webhook_id: r.webhook_id,
      url: r.url,
      ...(r.secret ? { secret: r.secret } : {}),
      payload: r.payload,
      attempts: Number(r.attempts),
      claim_token: claimToken,
    }));
  });
}

/**
 * Logs one attempt and moves the delivery on: succeeded, pending again after a backoff, or
 * failed after WEBHOOK_MAX_ATTEMPTS. Only the holder of the current lease may record.
 */
export async function recordWebhookAttempt(ctx: StoreContext, result: WebhookAttemptResult, options: { random?: () => number } = {}): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    let query = trx
      .selectFrom("webhook_deliveries")
      .select("attempts")
      .where("delivery_id", "=", result.delivery_id)
      .where("claim_token", "=", result.claim_token)
      .where("status", "=", "in_flight");
    if (ctx.d.name === "postgres") query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) return false;
    const attempts = Number(row.attempts) + 1;
    const finished = result.started_at + result.duration_ms;
    const body = result.response_body === undefined ? null : result.response_body.slice(0, KEPT_TEXT);
    const error = result.success ? null : (result.error ?? `HTTP ${result.response_status ?? "?"}${body ? `: ${body}` : ""}`).slice(0, KEPT_TEXT);
    await trx
      .insertInto("webhook_delivery_attempts")
      .values({
        delivery_id: result.delivery_id,
        attempt: attempts,
        started_at: result.started_at,
        duration_ms: result.duration_ms,
        response_status: result.response_status ?? null,
        response_body: body,
        error: result.error?.slice(0, KEPT_TEXT) ?? null,
      })
      .execute();
    const status: WebhookDeliveryStatus = result.success ? "succeeded" : attempts >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending";
    await trx
      .updateTable("webhook_deliveries")
      .set({
        status,
        attempts,
        next_attempt_at: status === "pending" ? finished + webhookBackoffMs(attempts, options.random) : null,
        lease_until: null,
        claim_token: null,
        last_response_status: result.response_status ?? null,
        last_error: error,
        updated_at: finished,
      })
      .where("delivery_id", "=", result.delivery_id)
      .execute();
    return true;
  });
}

/** One page of a webhook's delivery log, newest first. */
export async function listWebhookDeliveries(
  ctx: StoreContext,
  webhookId: string,
  input: WebhookPageInput,
): Promise<{ deliveries: WebhookDelivery[]; next_page_token?: string }> {
  const page = pageOf(input);
  return reading(ctx, async (db) => {
    await requireWebhook(db, webhookId);
    const rows = await db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("webhook_id", "=", webhookId)
      .orderBy("created_at", "desc")
      .orderBy("delivery_id", "desc")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    const token = nextToken(rows.length, page);
    const deliveries = rows.slice(0, page.limit).map(
      (r): WebhookDelivery => ({
        delivery_id: r.delivery_id,
        event: { entity: r.entity, action: r.action } as WebhookEvent,
        status: r.status as WebhookDeliveryStatus,
        attempts: Number(r.attempts),
        ...(r.last_response_status === null ? {} : { last_response_status: Number(r.last_response_status) }),
        ...(r.last_error === null ? {} : { last_error: r.last_error }),
        created_at: Number(r.created_at),
        updated_at: Number(r.updated_at),
        ...(r.next_attempt_at === null ? {} : { next_attempt_at: Number(r.next_attempt_at) }),
      }),
    );
    return { deliveries, ...(token ? { next_page_token: token } : {}) };
  });
}
