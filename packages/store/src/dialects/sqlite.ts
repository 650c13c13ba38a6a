import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { CairnError } from "@cairn/core";
import type { Database } from "../schema.js";
import { LATEST_METRIC_CONFLICT, type MetricPoint, type Sql, type StoreDialect } from "./dialect.js";
import { startIdleCheckpoints } from "./idle-checkpoint.js";

const ROWS_PER_INSERT = 100;
const POINT_COLUMNS = "(key, step, timestamp, value, is_nan)";

/** Opens (creating if needed) a SQLite database in WAL mode for the store. */
export function openSqliteDialect(path: string): StoreDialect {
  const connection = new BetterSqlite3(path);
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  // Another process (a CLI, a second server) may hold the write lock briefly; wait instead of failing.
  connection.pragma("busy_timeout = 5000");
  // The metrics B-tree outgrows SQLite's 2 MB default cache within seconds of ingest; a 64 MB
  // cache, memory-mapped reads and fewer, larger checkpoints keep inserts off the read path.
  connection.pragma("cache_size = -65536");
  connection.pragma("mmap_size = 268435456");
  connection.pragma("wal_autocheckpoint = 10000");
  const stopCheckpoints = path === ":memory:" ? () => {} : startIdleCheckpoints(connection);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection, stopCheckpoints) }) });

  // Multi-row INSERTs cut per-statement overhead on the ingest path; prepared on first use (the
  // table exists only after migrations), then reused.
  const values = (n: number) => Array.from({ length: n }, () => "(?,?,?,?,?,?)").join(",");
  let statements: { many: BetterSqlite3.Statement; one: BetterSqlite3.Statement } | undefined;
  const prepared = () =>
    (statements ??= {
      many: connection.prepare(`INSERT INTO metrics (run_key, ${POINT_COLUMNS.slice(1)} VALUES ${values(ROWS_PER_INSERT)} ON CONFLICT DO NOTHING`),
      one: connection.prepare(`INSERT INTO metrics (run_key, ${POINT_COLUMNS.slice(1)} VALUES ${values(1)} ON CONFLICT DO NOTHING`),
    });
  // One statement per distinct batch width (number of keys), prepared once and kept.
  const latestByWidth = new Map<number, BetterSqlite3.Statement>();
  const latestStatement = (width: number) => {
    let statement = latestByWidth.get(width);
    if (!statement) {
      statement = connection.prepare(`INSERT INTO latest_metrics (run_uuid, ${POINT_COLUMNS.slice(1)} VALUES ${values(width)} ${LATEST_METRIC_CONFLICT}`);
      if (width <= 64) latestByWidth.set(width, statement);
    }
    return statement;
  };

  return {
    name: "sqlite",
    db,
    object: (entries) => sql`json_object(${sql.join(entries.map(([k, v]) => sql`${sql.lit(k)}, ${v}`))})`,
    // A subquery's result loses SQLite's JSON subtype, so json() marks it as JSON again.
    array: (elem, from, orderBy) =>
      sql`json((select case when count(*) > 0 then json_group_array(${elem} order by ${orderBy}) end ${from}))`,
    // SQLite never flattens an ordered subquery into an aggregate, so rows arrive in order and
    // the aggregate needs no ORDER BY of its own (which would sort again: 60% slower).
    orderedArray: (elem, source, alias) =>
      sql`(select case when count(*) > 0 then json_group_array(${elem}) end from (${source}) as ${sql.id(alias)})`,
    keyList: (keys) => sql`(select value as run_key, key as pos from json_each(${JSON.stringify(keys)})) as k`,
    // Concatenated in C: one blob for a whole page instead of a Buffer per run joined in JS.
    concatArray: (source) => sql`(select '[' || group_concat(text, ',') || ']' from (${source} order by pos))`,
    // As in orderedArray: an ordered subquery feeds the aggregate in its own order.
    concatInOrder: (source) => sql`(select '[' || group_concat(text, ',') || ']' from (${source}))`,
    stripNulls: (json) => sql`json_patch('{}', ${json})`,
    metricValue: (alias) => {
      const a = sql.ref(alias);
      return sql`case when ${a}.is_nan = 1 then 'NaN' when ${a}.value = 9e999 then 'Infinity' when ${a}.value = -9e999 then '-Infinity' else ${a}.value end`;
    },
    // SQLite's LIKE ignores ASCII case; GLOB is its case-sensitive matcher.
    like: (left, pattern, caseInsensitive) =>
      caseInsensitive ? sql`${left} like ${pattern}` : sql`${left} glob ${likeToGlob(pattern)}`,
    orderText: (expr) => expr,
    // A BLOB arrives as a Buffer: no UTF-8 decode into a JS string, and none back on the way out.
    jsonOut: (expr) => sql`cast(${expr} as blob)`,
    translateError,
    async insertMetricPoints(_trx, runKey, points) {
      // Runs inside the caller's Kysely transaction: SQLite has one connection and Kysely holds
      // its mutex for the whole transaction, so these synchronous statements cannot interleave.
      const { many: insertMany, one: insertOne } = prepared();
      let i = 0;
      const args: unknown[] = [];
      for (; i + ROWS_PER_INSERT <= points.length; i += ROWS_PER_INSERT) {
        args.length = 0;
        for (let j = i; j < i + ROWS_PER_INSERT; j++) pushPoint(args, runKey, points[j]!);
        insertMany.run(args);
      }
      for (; i < points.length; i++) {
        args.length = 0;
        pushPoint(args, runKey, points[i]!);
        insertOne.run(args);
      }
    },
    async upsertLatestMetrics(_trx, runId, points) {
      const args: unknown[] = [];
      for (const p of points) pushPoint(args, runId, p);
      latestStatement(points.length).run(args);
    },
  };
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew; the same few hundred SQL texts recur, and
 * preparing the larger ones (the run-document rebuild) costs more than running them. Statements
 * are synchronous, so one prepared statement can serve every caller.
 */
function withStatementCache(connection: BetterSqlite3.Database, beforeClose: () => void) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      beforeClose();
      connection.close();
    },
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        // Refresh its place so the least recently used statement is the one evicted.
        cache.delete(sqlText);
      } else {
        statement = connection.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

function pushPoint(args: unknown[], run: string | number, p: MetricPoint): void {
  args.push(run, p.key, p.step, p.timestamp, p.value, p.isNan);
}

/** Translates MLflow's LIKE wildcards into GLOB's, escaping GLOB's own special characters. */
function likeToGlob(pattern: string): string {
  let out = "";
  for (const ch of pattern) {
    if (ch === "%") out += "*";
    else if (ch === "_") out += "?";
    else if (ch === "*" || ch === "?" || ch === "[") out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

function translateError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string") return error;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    return new CairnError("RESOURCE_ALREADY_EXISTS", "The resource already exists.", { cause: error });
  }
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
    return new CairnError("TEMPORARILY_UNAVAILABLE", "The database is busy; retry the request.", { cause: error });
  }
  return error;
}

/** The sql tag, re-exported so callers build fragments with the same Kysely instance's helpers. */
export type { Sql };
