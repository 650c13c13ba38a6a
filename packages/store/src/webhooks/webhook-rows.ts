import type { Kysely, Selectable } from "kysely";
import { nextOffsetToken, notFound, offsetFromToken, type Webhook, type WebhookEvent, type WebhookPageInput, type WebhookStatus } from "@cairn/core";
import type { Database, WebhooksTable } from "../schema.js";

/** The most rows one page of webhooks or deliveries holds, and the default page size. */
export const WEBHOOK_PAGE_MAX = 1000;
const WEBHOOK_PAGE_DEFAULT = 100;

/** Loads a webhook row or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireWebhook(db: Kysely<Database>, webhookId: string): Promise<Selectable<WebhooksTable>> {
  const row = await db.selectFrom("webhooks").selectAll().where("webhook_id", "=", webhookId).executeTakeFirst();
  if (!row) throw notFound(`Webhook with id=${webhookId} not found`);
  return row;
}

/** Builds the API's webhooks from rows, with their subscribed events in a stable order. */
export async function toWebhooks(db: Kysely<Database>, rows: readonly Selectable<WebhooksTable>[]): Promise<Webhook[]> {
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom("webhook_events")
    .selectAll()
    .where("webhook_id", "in", rows.map((r) => r.webhook_id))
    .orderBy("entity")
    .orderBy("action")
    .execute();
  return rows.map((r) => ({
    webhook_id: r.webhook_id,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    url: r.url,
    events: events.filter((e) => e.webhook_id === r.webhook_id).map((e) => ({ entity: e.entity, action: e.action }) as WebhookEvent),
    status: r.status as WebhookStatus,
    creation_timestamp: Number(r.creation_timestamp),
    last_updated_timestamp: Number(r.last_updated_timestamp),
  }));
}

/** Offset and size of the page a request asks for. */
export function pageOf(input: WebhookPageInput): { offset: number; limit: number } {
  return { offset: offsetFromToken(input.page_token), limit: Math.min(input.max_results ?? WEBHOOK_PAGE_DEFAULT, WEBHOOK_PAGE_MAX) };
}

/** The token of the page after this one, when rows beyond it exist (the query fetched limit + 1). */
export function nextToken(fetched: number, page: { offset: number; limit: number }): string | undefined {
  return nextOffsetToken(fetched, page.offset, page.limit);
}
