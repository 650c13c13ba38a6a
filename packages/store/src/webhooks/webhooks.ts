import {
  validateWebhookFields,
  validateWebhookEvents,
  validateWebhookName,
  validateWebhookStatus,
  validateWebhookUrl,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type Webhook,
  type WebhookEvent,
  type WebhookPageInput,
  type WebhookTarget,
} from "@cairn/core";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { nextToken, pageOf, requireWebhook, toWebhooks } from "./webhook-rows.js";

/** Creates a webhook, ACTIVE unless told otherwise; name, URL and events are validated first. */
export async function createWebhook(ctx: StoreContext, input: CreateWebhookInput): Promise<Webhook> {
  validateWebhookName(input.name);
  validateWebhookUrl(input.url);
  const events = validateWebhookEvents(input.events ?? []);
  const status = input.status === undefined ? "ACTIVE" : validateWebhookStatus(input.status);
  const now = ctx.clock();
  const webhookId = ctx.newId();
  return inTransaction(ctx, async (trx) => {
    await trx
      .insertInto("webhooks")
      .values({
        webhook_id: webhookId,
        name: input.name,
        description: input.description ?? "",
        url: input.url,
        secret: input.secret || null,
        status,
        creation_timestamp: now,
        last_updated_timestamp: now,
      })
      .execute();
    await insertEvents(trx, webhookId, events);
    return (await toWebhooks(trx, [await requireWebhook(trx, webhookId)]))[0]!;
  });
}

/** Reads one webhook. */
export async function getWebhook(ctx: StoreContext, webhookId: string): Promise<Webhook> {
  return reading(ctx, async (db) => (await toWebhooks(db, [await requireWebhook(db, webhookId)]))[0]!);
}

/** The webhook and its secret, for sending a test delivery. */
export async function getWebhookTarget(ctx: StoreContext, webhookId: string): Promise<WebhookTarget> {
  return reading(ctx, async (db) => {
    const row = await requireWebhook(db, webhookId);
    return { webhook: (await toWebhooks(db, [row]))[0]!, ...(row.secret ? { secret: row.secret } : {}) };
  });
}

/** One page of webhooks, newest first. */
export async function listWebhooks(ctx: StoreContext, input: WebhookPageInput): Promise<{ webhooks: Webhook[]; next_page_token?: string }> {
  const page = pageOf(input);
  return reading(ctx, async (db) => {
    const rows = await db
      .selectFrom("webhooks")
      .selectAll()
      .orderBy("creation_timestamp", "desc")
      .orderBy("webhook_id", "desc")
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    const token = nextToken(rows.length, page);
    return { webhooks: await toWebhooks(db, rows.slice(0, page.limit)), ...(token ? { next_page_token: token } : {}) };
  });
}

/** Changes the given fields; new events replace the old subscriptions; an empty secret removes it. */
export async function updateWebhook(ctx: StoreContext, webhookId: string, input: UpdateWebhookInput): Promise<Webhook> {
  const { events, status } = validateWebhookFields(input);
  return inTransaction(ctx, async (trx) => {
    await requireWebhook(trx, webhookId);
    const changes = {
      last_updated_timestamp: ctx.clock(),
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.url === undefined ? {} : { url: input.url }),
      ...(input.secret === undefined ? {} : { secret: input.secret || null }),
      ...(status === undefined ? {} : { status }),
    };
    await trx.updateTable("webhooks").set(changes).where("webhook_id", "=", webhookId).execute();
    if (events) {
      await trx.deleteFrom("webhook_events").where("webhook_id", "=", webhookId).execute();
      await insertEvents(trx, webhookId, events);
    }
    return (await toWebhooks(trx, [await requireWebhook(trx, webhookId)]))[0]!;
  });
}

/** Deletes a webhook; its subscriptions and deliveries go with it (foreign keys). */
export async function deleteWebhook(ctx: StoreContext, webhookId: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await requireWebhook(trx, webhookId);
    await trx.deleteFrom("webhook_delivery_attempts").where("delivery_id", "in", trx.selectFrom("webhook_deliveries").select("delivery_id").where("webhook_id", "=", webhookId)).execute();
    await trx.deleteFrom("webhook_deliveries").where("webhook_id", "=", webhookId).execute();
    await trx.deleteFrom("webhook_events").where("webhook_id", "=", webhookId).execute();
    await trx.deleteFrom("webhooks").where("webhook_id", "=", webhookId).execute();
  });
}

async function insertEvents(trx: Kysely<Database>, webhookId: string, events: readonly WebhookEvent[]): Promise<void> {
  await trx.insertInto("webhook_events").values(events.map((e) => ({ webhook_id: webhookId, entity: e.entity, action: e.action }))).execute();
}
