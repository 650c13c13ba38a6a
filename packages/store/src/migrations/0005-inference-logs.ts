import { sql, type Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/**
 * Inference logs: one row per prediction a serving process reports. The unique key makes a
 * resent batch a no-op; the (…, timestamp_ms, log_id) indexes serve the newest-first searches
 * by deployment, by model version and over all records, with log_id as the keyset tiebreak.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const id = ctx.dialect === "sqlite" ? "integer" : "bigserial";
  await db.schema
    .createTable("inference_logs")
    .addColumn("log_id", sql.raw(id), (c) => c.primaryKey())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("deployment", "text")
    .addColumn("model_name", "text", (c) => c.notNull())
    .addColumn("model_version", "text", (c) => c.notNull())
    .addColumn("timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("latency_ms", "double precision", (c) => c.notNull())
    .addColumn("inputs", "text", (c) => c.notNull())
    .addColumn("outputs", "text", (c) => c.notNull())
    .addColumn("shadow", "integer", (c) => c.notNull())
    .addColumn("status_code", "integer")
    .addColumn("label", "text")
    .addColumn("label_timestamp_ms", "bigint")
    .addUniqueConstraint("inference_logs_identity", ["request_id", "model_name", "model_version", "shadow"])
    .execute();
  await db.schema.createIndex("inference_logs_deployment_time").on("inference_logs").columns(["deployment", "timestamp_ms", "log_id"]).execute();
  await db.schema.createIndex("inference_logs_version_time").on("inference_logs").columns(["model_name", "model_version", "timestamp_ms", "log_id"]).execute();
  await db.schema.createIndex("inference_logs_time").on("inference_logs").columns(["timestamp_ms", "log_id"]).execute();
}
