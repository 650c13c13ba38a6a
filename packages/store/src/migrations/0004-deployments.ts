import type { Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/**
 * Deployments and their revision history. The current spec is kept on the deployment row so a
 * serving process's poll reads one row; every action also appends the spec it left to
 * deployment_revisions, which rollback and history read.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable("deployments")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("model_name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("spec", "text", (c) => c.notNull())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("deployments_model").on("deployments").columns(["model_name", "name"]).execute();

  await db.schema
    .createTable("deployment_revisions")
    .addColumn("name", "text", (c) => c.notNull().references("deployments.name").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("spec", "text", (c) => c.notNull())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("deployment_revisions_pk", ["name", "revision"])
    .execute();
}
