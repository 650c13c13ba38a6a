import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { CairnStore } from "@cairn/core";
import { openDialect, openStore, type OpenStoreOptions, type StoreDialect } from "@cairn/store";
import { createPgDatabase, type DialectUnderTest } from "./dialects.js";

/** A store on a database of its own, with raw SQL beside it and further stores on it (as replicas open it). */
export interface StoreWithDb {
  store: CairnStore;
  /** Another store on the same database, as a second server replica would open it. */
  replica(): Promise<CairnStore>;
  /** Runs SQL on the store's database behind the store's back (to tamper with it, say). */
  exec(text: string): Promise<void>;
  /** Rows of table matching a SQL condition, counted behind the store's back. */
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/** Opens a fresh store of the dialect under test with a raw connection beside it. */
export async function openWithDb(dialect: DialectUnderTest, options: OpenStoreOptions = {}): Promise<StoreWithDb> {
  let url: string;
  let drop: () => Promise<void>;
  if (dialect.name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "cairn-store-"));
    url = `sqlite:///${join(dir, "cairn.db")}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const database = await createPgDatabase();
    url = database.url;
    drop = () => database.drop();
  }
  const store = await openStore(url, options);
  const replicas: CairnStore[] = [];
  let raw: StoreDialect | undefined;
  return {
    store,
    async replica() {
      const other = await openStore(url, options);
      replicas.push(other);
      return other;
    },
    async exec(text) {
      raw ??= await openDialect(url);
      await sql.raw(text).execute(raw.db);
    },
    async count(table, where = "1 = 1") {
      raw ??= await openDialect(url);
      const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(raw.db);
      return Number(result.rows[0]!.n);
    },
    async close() {
      for (const other of replicas) await other.close();
      await raw?.db.destroy();
      await store.close();
      await drop();
    },
  };
}
