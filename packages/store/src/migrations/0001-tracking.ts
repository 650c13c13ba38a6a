import { sql, type Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/** Experiments, runs, params, tags, metric history with latest values, dataset inputs, logged models. */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  // WITHOUT ROWID keeps each metric point in one B-tree (its primary key), which is what the
  // ingest and history paths read; PostgreSQL has no such option and needs none.
  const clustered = ctx.dialect === "sqlite" ? sql`without rowid` : sql``;
  const id = ctx.dialect === "sqlite" ? "integer" : "bigserial";

  await db.schema
    .createTable("experiments")
    .addColumn("experiment_id", sql.raw(id), (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("artifact_location", "text", (c) => c.notNull())
    .addColumn("lifecycle_stage", "text", (c) => c.notNull())
    .addColumn("creation_time", "bigint", (c) => c.notNull())
    .addColumn("last_update_time", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("experiment_tags")
    .addColumn("experiment_id", "bigint", (c) => c.notNull().references("experiments.experiment_id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("experiment_tags_pk", ["experiment_id", "key"])
    .execute();

  // run_key is the compact integer that metric points carry (a 32-character run_uuid in every
  // point makes ingest a third slower); run_uuid stays the public, unique id.
  await db.schema
    .createTable("runs")
    .addColumn("run_key", sql.raw(id), (c) => c.primaryKey())
    .addColumn("run_uuid", "text", (c) => c.notNull().unique())
    .addColumn("experiment_id", "bigint", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("start_time", "bigint", (c) => c.notNull())
    .addColumn("end_time", "bigint")
    .addColumn("lifecycle_stage", "text", (c) => c.notNull())
    .addColumn("artifact_uri", "text", (c) => c.notNull())
    .addColumn("deleted_time", "bigint")
    .execute();
  // Exactly MLflow's default order (start_time DESC, run_uuid ASC): the first page of a large
  // experiment is read from the index instead of sorting every run.
  await db.schema.createIndex("runs_default_order").on("runs").columns(["experiment_id", "start_time desc", "run_uuid"]).execute();

  for (const table of ["tags", "params"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("run_uuid", "text", (c) => c.notNull().references("runs.run_uuid").onDelete("cascade"))
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["run_uuid", "key"])
      .modifyEnd(clustered)
      .execute();
  }

  // Each run's MLflow JSON, rebuilt by every write to the run (see tracking/run-documents.ts).
  await db.schema
    .createTable("run_documents")
    .addColumn("run_key", sql.raw(ctx.dialect === "sqlite" ? "integer" : "bigint"), (c) => c.primaryKey().references("runs.run_key").onDelete("cascade"))
    .addColumn("json", "text", (c) => c.notNull())
    .execute();

  // Every point; the primary key is also the history order, and makes re-logging a point a no-op.
  await db.schema
    .createTable("metrics")
    .addColumn("run_key", "bigint", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("is_nan", "smallint", (c) => c.notNull())
    .addPrimaryKeyConstraint("metrics_pk", ["run_key", "key", "step", "timestamp", "value", "is_nan"])
    .modifyEnd(clustered)
    .execute();

  // The value search and get-run see: highest step, then latest timestamp, then largest value.
  await db.schema
    .createTable("latest_metrics")
    .addColumn("run_uuid", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("is_nan", "smallint", (c) => c.notNull())
    .addPrimaryKeyConstraint("latest_metrics_pk", ["run_uuid", "key"])
    .modifyEnd(clustered)
    .execute();
  await db.schema.createIndex("latest_metrics_key_value").on("latest_metrics").columns(["key", "value"]).execute();

  await db.schema
    .createTable("datasets")
    .addColumn("dataset_uuid", "text", (c) => c.primaryKey())
    .addColumn("experiment_id", "bigint", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("schema", "text")
    .addColumn("profile", "text")
    .addUniqueConstraint("datasets_identity", ["experiment_id", "name", "digest"])
    .execute();

  await db.schema
    .createTable("run_inputs")
    .addColumn("run_uuid", "text", (c) => c.notNull().references("runs.run_uuid").onDelete("cascade"))
    .addColumn("dataset_uuid", "text", (c) => c.notNull().references("datasets.dataset_uuid"))
    .addPrimaryKeyConstraint("run_inputs_pk", ["run_uuid", "dataset_uuid"])
    .execute();

  await db.schema
    .createTable("input_tags")
    .addColumn("run_uuid", "text", (c) => c.notNull())
    .addColumn("dataset_uuid", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("input_tags_pk", ["run_uuid", "dataset_uuid", "key"])
    .addForeignKeyConstraint("input_tags_input", ["run_uuid", "dataset_uuid"], "run_inputs", ["run_uuid", "dataset_uuid"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("logged_models")
    .addColumn("model_id", "text", (c) => c.primaryKey())
    .addColumn("experiment_id", "bigint", (c) => c.notNull().references("experiments.experiment_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("artifact_location", "text", (c) => c.notNull())
    .addColumn("creation_timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_message", "text")
    .addColumn("lifecycle_stage", "text", (c) => c.notNull())
    .addColumn("model_type", "text", (c) => c.notNull())
    .addColumn("source_run_id", "text")
    .execute();
  await db.schema.createIndex("logged_models_experiment").on("logged_models").columns(["experiment_id", "creation_timestamp_ms"]).execute();

  for (const table of ["logged_model_tags", "logged_model_params"] as const) {
    await db.schema
      .createTable(table)
      .addColumn("model_id", "text", (c) => c.notNull().references("logged_models.model_id").onDelete("cascade"))
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["model_id", "key"])
      .execute();
  }

  await db.schema
    .createTable("run_model_inputs")
    .addColumn("run_uuid", "text", (c) => c.notNull().references("runs.run_uuid").onDelete("cascade"))
    .addColumn("model_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("run_model_inputs_pk", ["run_uuid", "model_id"])
    .execute();

  await db.schema
    .createTable("run_model_outputs")
    .addColumn("run_uuid", "text", (c) => c.notNull().references("runs.run_uuid").onDelete("cascade"))
    .addColumn("model_id", "text", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("run_model_outputs_pk", ["run_uuid", "model_id"])
    .execute();

  // Metrics logged with a model_id, keyed for logged-model search by metric.
  await db.schema
    .createTable("logged_model_metrics")
    .addColumn("model_id", "text", (c) => c.notNull().references("logged_models.model_id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("step", "bigint", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("is_nan", "smallint", (c) => c.notNull())
    .addColumn("run_uuid", "text", (c) => c.notNull())
    .addColumn("experiment_id", "bigint", (c) => c.notNull())
    .addColumn("dataset_name", "text")
    .addColumn("dataset_digest", "text")
    .addPrimaryKeyConstraint("logged_model_metrics_pk", ["model_id", "key", "step", "timestamp", "run_uuid"])
    .execute();
}
