import type { Kysely } from "kysely";

/** What a migration may know about where it runs: only which dialect, for dialect-only clauses. */
export interface MigrationContext {
  dialect: "sqlite" | "postgres";
}

/** One versioned schema change; landed migrations are never edited. */
export interface Migration {
  name: string;
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}
