import type { Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/**
 * Registry webhooks and their transactional outbox. A registry write inserts one
 * webhook_deliveries row per subscribed ACTIVE webhook in its own transaction; dispatchers lease
 * due rows (claim_token, lease_until) and log every POST in webhook_delivery_attempts.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("webhooks")
    .addColumn("webhook_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("secret", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webhooks_created").on("webhooks").columns(["creation_timestamp", "webhook_id"]).execute();

  // One row per subscription, so fan-out finds the subscribers of an event with an index.
  await db.schema
    .createTable("webhook_events")
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.webhook_id").onDelete("cascade"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("webhook_events_pk", ["webhook_id", "entity", "action"])
    .execute();
  await db.schema.createIndex("webhook_events_event").on("webhook_events").columns(["entity", "action"]).execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("delivery_id", "text", (c) => c.primaryKey())
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.webhook_id").onDelete("cascade"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint")
    .addColumn("lease_until", "bigint")
    .addColumn("claim_token", "text")
    .addColumn("last_response_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  // Due work: pending by next_attempt_at, in_flight by lease expiry.
  await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("webhook_deliveries_lease").on("webhook_deliveries").columns(["status", "lease_until"]).execute();
  await db.schema.createIndex("webhook_deliveries_log").on("webhook_deliveries").columns(["webhook_id", "created_at", "delivery_id"]).execute();

  await db.schema
    .createTable("webhook_delivery_attempts")
    .addColumn("delivery_id", "text", (c) => c.notNull().references("webhook_deliveries.delivery_id").onDelete("cascade"))
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("duration_ms", "bigint", (c) => c.notNull())
    .addColumn("response_status", "integer")
    .addColumn("response_body", "text")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("webhook_delivery_attempts_pk", ["delivery_id", "attempt"])
    .execute();
}
