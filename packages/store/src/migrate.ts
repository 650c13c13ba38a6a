import { Migrator, type Kysely, type Migration as KyselyMigration } from "kysely";
import { CairnError } from "@cairn/core";
import type { StoreDialect } from "./dialects/dialect.js";
import { MIGRATIONS } from "./migrations/index.js";

/** Applies every pending migration; Kysely's migrator locks so concurrent replicas run them once. */
export async function migrateToLatest(d: StoreDialect): Promise<void> {
  const ctx = { dialect: d.name };
  const migrator = new Migrator({
    db: d.db as Kysely<unknown>,
    migrationTableName: "cairn_migrations",
    migrationLockTableName: "cairn_migrations_lock",
    provider: {
      getMigrations: async () =>
        Object.fromEntries(MIGRATIONS.map((m): [string, KyselyMigration] => [m.name, { up: (db) => m.up(db, ctx) }])),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new CairnError("INTERNAL_ERROR", `Database migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}
