import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { AuditEntryInput, CairnStore } from "@cairn/core";
import { openDialect, openStore, type OpenStoreOptions, type StoreDialect } from "@cairn/store";
import { createPgDatabase, type DialectUnderTest } from "./dialects.js";

/** A store on a database of its own, plus direct SQL on that database (to tamper with it) and more stores on it (replicas). */
export interface TamperableStore {
  store: CairnStore;
  /** Runs SQL on the store's database behind the store's back. */
  exec(text: string): Promise<void>;
  /** Another store on the same database, as a second server replica would open it. */
  replica(): Promise<CairnStore>;
  close(): Promise<void>;
}

/** Opens a fresh store of the dialect under test with a raw connection beside it. */
export async function openTamperable(dialect: DialectUnderTest, options: OpenStoreOptions = {}): Promise<TamperableStore> {
  let url: string;
  let drop: () => Promise<void>;
  if (dialect.name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cairn-audit-"));
    url = `sqlite:///${join(dir, "audit.db")}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const database = await createPgDatabase();
    url = database.url;
    drop = () => database.drop();
  }
  const store = await openStore(url, options);
  const extra: CairnStore[] = [];
  let raw: StoreDialect | undefined;
  return {
    store,
    async exec(text) {
      raw ??= await openDialect(url);
      await sql.raw(text).execute(raw.db);
    },
    async replica() {
      const other = await openStore(url, options);
      extra.push(other);
      return other;
    },
    async close() {
      for (const other of extra) await other.close();
      await raw?.db.destroy();
      await store.close();
      await drop();
    },
  };
}

/** An entry input with the given fields replaced. */
export function auditInput(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    timestamp_ms: 1_000,
    actor: "alice",
    action: "POST /api/2.0/mlflow/registered-models/create",
    resource: "models:/churn",
    request_id: "req-1",
    client: "127.0.0.1",
    summary: { name: "churn" },
    ...overrides,
  };
}
