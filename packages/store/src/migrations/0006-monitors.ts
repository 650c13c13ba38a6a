import { sql, type Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/**
 * Monitors: one row per monitor with its config and encoded reference profile; one mergeable
 * profile (and reservoir sample) per window; the raw events kept for late labels and row-joined
 * skew; alert rules with their evaluation state on the rule row; alert history. What a monitor
 * owns goes with it (ON DELETE CASCADE), except raw events: a foreign key there is checked row by
 * row and more than doubles PostgreSQL's ingest time, so ingest locks the monitor row once
 * instead and deleteMonitor deletes the events itself. Alerts name their rule but keep no
 * foreign key to it, so the history outlives a deleted rule.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const blob = sql.raw(ctx.dialect === "sqlite" ? "blob" : "bytea");
  await db.schema
    .createTable("monitors")
    .addColumn("monitor_id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("model_name", "text")
    .addColumn("deployment", "text")
    .addColumn("config_json", "text", (c) => c.notNull())
    .addColumn("reference_json", "text", (c) => c.notNull())
    .addColumn("reference_profile", blob, (c) => c.notNull())
    .addColumn("evaluated_until_ms", "bigint")
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .execute();
  // monitorsFor runs on every inference-log batch: by deployment, and by model among monitors without one.
  await db.schema.createIndex("monitors_deployment").on("monitors").columns(["deployment", "name"]).execute();
  await db.schema.createIndex("monitors_model").on("monitors").columns(["model_name", "deployment", "name"]).execute();

  await db.schema
    .createTable("monitor_windows")
    .addColumn("monitor_id", "text", (c) => c.notNull().references("monitors.monitor_id").onDelete("cascade"))
    .addColumn("window_start_ms", "bigint", (c) => c.notNull())
    .addColumn("events", "bigint", (c) => c.notNull())
    .addColumn("profile", blob, (c) => c.notNull())
    .addColumn("sample", blob, (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("monitor_windows_pk", ["monitor_id", "window_start_ms"])
    .execute();

  await db.schema
    .createTable("monitor_events")
    .addColumn("monitor_id", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("window_start_ms", "bigint", (c) => c.notNull())
    .addColumn("variant", "text")
    .addColumn("features_json", "text", (c) => c.notNull())
    .addColumn("prediction_json", "text")
    .addColumn("score", "double precision")
    .addColumn("label_json", "text")
    .addColumn("label_timestamp_ms", "bigint")
    .addPrimaryKeyConstraint("monitor_events_pk", ["monitor_id", "request_id"])
    .execute();
  // Retention deletes by age per monitor.
  await db.schema.createIndex("monitor_events_time").on("monitor_events").columns(["monitor_id", "timestamp_ms"]).execute();

  await db.schema
    .createTable("monitor_alert_rules")
    .addColumn("rule_id", "text", (c) => c.primaryKey())
    .addColumn("monitor_id", "text", (c) => c.notNull().references("monitors.monitor_id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("expression", "text", (c) => c.notNull())
    .addColumn("for_windows", "integer", (c) => c.notNull())
    .addColumn("cooldown_ms", "bigint", (c) => c.notNull())
    .addColumn("webhook_ids_json", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    // Where the rule stands, written by each evaluation step together with evaluated_until_ms.
    .addColumn("state", "text", (c) => c.notNull().defaultTo("OK"))
    .addColumn("consecutive", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_window_ms", "bigint")
    .addColumn("last_notified_ms", "bigint")
    .addUniqueConstraint("monitor_alert_rules_name", ["monitor_id", "name"])
    .execute();

  await db.schema
    .createTable("monitor_alerts")
    .addColumn("alert_id", "text", (c) => c.primaryKey())
    .addColumn("monitor_id", "text", (c) => c.notNull().references("monitors.monitor_id").onDelete("cascade"))
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("rule_name", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("window_start_ms", "bigint", (c) => c.notNull())
    .addColumn("value", "double precision")
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("notified", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("monitor_alerts_time").on("monitor_alerts").columns(["monitor_id", "timestamp_ms"]).execute();
}
