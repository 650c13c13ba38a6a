import { sql, type Kysely } from "kysely";
import type { MigrationContext } from "./migration.js";

/**
 * Governance: users, groups and their members; credentials (API tokens and UI sessions, stored
 * only as hashes); permission grants on experiments, registered models, deployments and monitors;
 * the hash-chained audit log with its head row; approval policies and requests for alias and stage
 * moves; model card fields; retirement policies.
 *
 * Grants name their resource by id (experiments) or name (the rest) and keep no foreign key, since
 * one table serves four resource kinds: the store deletes or renames them with their resource.
 * Booleans are integers 0/1 on both dialects. The audit head is one row whose update serializes
 * appends across replicas, so the chain never forks.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  const name = ctx.dialect === "postgres" ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable("users")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("username", name, (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_groups")
    .addColumn("group_id", "text", (c) => c.primaryKey())
    .addColumn("name", name, (c) => c.notNull().unique())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("user_groups.group_id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id").onDelete("cascade"))
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
    .execute();
  await db.schema.createIndex("group_members_user").on("group_members").columns(["user_id", "group_id"]).execute();

  await db.schema
    .createTable("credentials")
    .addColumn("credential_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // "token" | "session"
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("read_only", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .addColumn("last_used_at", "bigint")
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("credentials_user").on("credentials").columns(["user_id", "kind", "creation_timestamp"]).execute();

  await db.schema
    .createTable("permissions")
    .addColumn("resource_type", "text", (c) => c.notNull())
    .addColumn("resource_id", name, (c) => c.notNull())
    .addColumn("principal_type", "text", (c) => c.notNull()) // "user" | "group"
    .addColumn("principal_id", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("level_rank", "integer", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("permissions_pk", ["resource_type", "resource_id", "principal_type", "principal_id"])
    .execute();
  // Searches ask "which resources of this type may this principal read".
  await db.schema.createIndex("permissions_principal").on("permissions").columns(["principal_type", "principal_id", "resource_type", "level_rank"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("seq", "bigint", (c) => c.primaryKey())
    .addColumn("timestamp_ms", "bigint", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull())
    .addColumn("summary_json", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_resource").on("audit_log").columns(["resource", "seq"]).execute();
  await db.schema.createIndex("audit_log_time").on("audit_log").columns(["timestamp_ms", "seq"]).execute();
  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${"0".repeat(64)})`.execute(db);

  await db.schema
    .createTable("approval_policies")
    .addColumn("name", name, (c) => c.primaryKey().references("registered_models.name").onDelete("cascade").onUpdate("cascade"))
    .addColumn("aliases_json", "text", (c) => c.notNull())
    .addColumn("stages_json", "text", (c) => c.notNull())
    .addColumn("four_eyes", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("approval_requests")
    .addColumn("request_id", "text", (c) => c.primaryKey())
    .addColumn("name", name, (c) => c.notNull().references("registered_models.name").onDelete("cascade").onUpdate("cascade"))
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull()) // "alias" | "stage"
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("archive_existing_versions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull()) // PENDING | APPROVED | REJECTED | CANCELLED
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("decided_by", "text")
    .addColumn("decision_comment", "text")
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .addColumn("decided_timestamp", "bigint")
    .execute();
  await db.schema.createIndex("approval_requests_status").on("approval_requests").columns(["status", "creation_timestamp"]).execute();
  await db.schema.createIndex("approval_requests_model").on("approval_requests").columns(["name", "creation_timestamp"]).execute();

  await db.schema
    .createTable("model_cards")
    .addColumn("name", name, (c) => c.notNull().references("registered_models.name").onDelete("cascade").onUpdate("cascade"))
    .addColumn("version", "bigint", (c) => c.notNull())
    .addColumn("fields_json", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("last_updated_timestamp", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("model_cards_pk", ["name", "version"])
    .execute();

  await db.schema
    .createTable("retirement_policies")
    .addColumn("policy_id", "text", (c) => c.primaryKey())
    .addColumn("name", name, (c) => c.notNull().unique())
    .addColumn("model_name", name) // null: every registered model
    .addColumn("rule", "text", (c) => c.notNull()) // "unused_for_days" | "keep_last"
    .addColumn("days", "integer")
    .addColumn("keep", "integer")
    .addColumn("action", "text", (c) => c.notNull()) // "archive" | "delete"
    .addColumn("schedule_hours", "integer")
    .addColumn("last_run_at", "bigint")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("creation_timestamp", "bigint", (c) => c.notNull())
    .execute();
}
