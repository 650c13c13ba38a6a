import { sql, type Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/**
 * The model registry. Rows are keyed by the model's name, as in MLflow's schema, and every
 * foreign key cascades on update and delete: renaming or deleting a registered model is one
 * statement on registered_models that the database carries to versions, tags and aliases.
 * Aliases reference their version, so deleting a version removes the aliases pointing at it.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  // Names, tag keys and aliases sort by code point on both dialects (orderText); on PostgreSQL
  // the column collation says so, so that ORDER BY name uses the indexes instead of sorting.
  const name = ctx.dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable("registered_models")
    .addColumn("name", name, (c) => c.primaryKey())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // Highest version number ever given out: numbers stay unique after deletes, and taking the
    // next one is an update of this row, which serializes concurrent registrations of one model.
    .addColumn("last_version", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("registered_models_last_updated").on("registered_models").columns(["last_updated_timestamp", "name"]).execute();
  await db.schema.createIndex("registered_models_created").on("registered_models").columns(["creation_timestamp", "name"]).execute();

  await db.schema
    .createTable("registered_model_tags")
    .addColumn("name", name, (c) => c.notNull().references("registered_models.name").onDelete("cascade").onUpdate("cascade"))
    .addColumn("key", name, (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("registered_model_tags_pk", ["name", "key"])
    .execute();
  // Finds the models carrying one tag key (the prompt marker) without reading every tag. Values
  // stay out of indexes: they may be 100,000 characters, beyond PostgreSQL's index entry limit.
  await db.schema.createIndex("registered_model_tags_key").on("registered_model_tags").columns(["key", "name"]).execute();

  await db.schema
    .createTable("model_versions")
    .addColumn("name", name, (c) => c.notNull().references("registered_models.name").onDelete("cascade").onUpdate("cascade"))
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("current_stage", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("storage_location", "text")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("run_link", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_message", "text")
    .addColumn("model_id", "text")
    .addColumn("document", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("model_versions_pk", ["name", "version"])
    .execute();
  // MLflow's default search order (last update DESC, name, version DESC), read without a sort.
  await db.schema
    .createIndex("model_versions_default_order")
    .on("model_versions")
    .columns(["last_updated_timestamp desc", "name", "version desc"])
    .execute();
  // The same order within one model: name = '...' is the commonest version search (a model's page).
  await db.schema
    .createIndex("model_versions_by_model")
    .on("model_versions")
    .columns(["name", "last_updated_timestamp desc", "version desc"])
    .execute();
  // The newest version per stage (latest_versions, get-latest-versions) from the index alone.
  await db.schema.createIndex("model_versions_stage").on("model_versions").columns(["name", "current_stage", "version"]).execute();
  await db.schema.createIndex("model_versions_run").on("model_versions").columns(["run_id"]).execute();

  await db.schema
    .createTable("model_version_tags")
    .addColumn("name", name, (c) => c.notNull())
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("key", name, (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("model_version_tags_pk", ["name", "version", "key"])
    .addForeignKeyConstraint("model_version_tags_version", ["name", "version"], "model_versions", ["name", "version"], (c) =>
      c.onDelete("cascade").onUpdate("cascade"),
    )
    .execute();
  await db.schema.createIndex("model_version_tags_key").on("model_version_tags").columns(["key", "name"]).execute();

  await db.schema
    .createTable("registered_model_aliases")
    .addColumn("name", name, (c) => c.notNull())
    .addColumn("alias", name, (c) => c.notNull())
    .addColumn("version", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("registered_model_aliases_pk", ["name", "alias"])
    .addForeignKeyConstraint("registered_model_aliases_version", ["name", "version"], "model_versions", ["name", "version"], (c) =>
      c.onDelete("cascade").onUpdate("cascade"),
    )
    .execute();
  await db.schema.createIndex("registered_model_aliases_version").on("registered_model_aliases").columns(["name", "version"]).execute();
}
