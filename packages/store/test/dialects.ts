import { after, before, describe } from "node:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { CairnStore } from "@cairn/core";
import { openStore, type OpenStoreOptions } from "@cairn/store";

/** The PostgreSQL server the contract suite runs against; CI starts it, and the suite fails without it. */
export const PG_ADMIN_URL = process.env.CAIRN_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface DialectUnderTest {
  name: "sqlite" | "postgres";
  /** A fresh, migrated store on its own database. */
  open(options?: OpenStoreOptions): Promise<CairnStore>;
}

/** Creates a throwaway PostgreSQL database and returns its URL and a function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cairn_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL}: start it (see .ci/run) or set CAIRN_TEST_PG_URL. ${(error as Error).message}`);
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // pg's Pool.end() resolves before its clients have disconnected; dropping WITH (FORCE)
      // then kills them mid-goodbye and they raise an unhandled error. Wait for them to leave.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Runs a contract suite once per dialect. Each `open()` returns a store on a database of its own,
 * closed and removed when the suite ends.
 */
export function describeEachDialect(title: string, suite: (dialect: DialectUnderTest) => void): void {
  for (const name of ["sqlite", "postgres"] as const) {
    describe(`${title} [${name}]`, () => {
      const cleanups: (() => Promise<void>)[] = [];
      let dir = "";
      before(() => {
        dir = mkdtempSync(join(tmpdir(), "cairn-store-"));
      });
      after(async () => {
        for (const cleanup of cleanups.reverse()) await cleanup();
        rmSync(dir, { recursive: true, force: true });
      });
      suite({
        name,
        async open(options) {
          if (name === "sqlite") {
            const store = await openStore(`sqlite:///${join(dir, `${cleanups.length}.db`)}`, options);
            cleanups.push(() => store.close());
            return store;
          }
          const database = await createPgDatabase();
          const store = await openStore(database.url, options);
          cleanups.push(async () => {
            await store.close();
            await database.drop();
          });
          return store;
        },
      });
    });
  }
}
