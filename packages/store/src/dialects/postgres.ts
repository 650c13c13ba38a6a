import pg from "pg";
import { Kysely, PostgresDialect, sql } from "kysely";
import { CairnError } from "@cairn/core";
import type { Database } from "../schema.js";
import { LATEST_METRIC_CONFLICT, type MetricPoint, type StoreDialect } from "./dialect.js";

const INT8_OID = 20;
const JSON_OID = 114;
const UNIQUE_VIOLATION = "23505";

/** Connects to PostgreSQL with a pool; int8 columns (timestamps, ids) come back as numbers. */
export function openPostgresDialect(connectionString: string, poolSize = 10): StoreDialect {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // Per-pool parsers rather than mutating pg's global registry. JSON built by queries stays
    // text: it goes to the client as is, so parsing it here would only be undone.
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8_OID) return (value: string) => Number(value);
        if (oid === JSON_OID) return (value: string) => value;
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  return {
    name: "postgres",
    db,
    object: (entries) => sql`json_build_object(${sql.join(entries.map(([k, v]) => sql`${sql.lit(k)}::text, ${v}`))})`,
    array: (elem, from, orderBy) => sql`(select json_agg(${elem} order by ${orderBy}) ${from})`,
    orderedArray: (elem, source, alias, orderBy) => sql`(select json_agg(${elem} order by ${orderBy}) from (${source}) as ${sql.id(alias)})`,
    keyList: (keys) => sql`unnest(${keys}::bigint[]) with ordinality as k(run_key, pos)`,
    concatArray: (source) => sql`(select '[' || string_agg(text, ',' order by pos) || ']' from (${source}) as s)`,
    // An aggregate directly over a sorted subquery (no join at this level) reads it in order, as
    // PostgreSQL's manual says; string_agg is twice as fast here as array_to_string(ARRAY(...)).
    concatInOrder: (source) => sql`(select '[' || string_agg(text, ',') || ']' from (${source}) as s)`,
    stripNulls: (json) => sql`json_strip_nulls(${json})`,
    // to_json already writes non-finite floats as the strings "Infinity" / "-Infinity".
    metricValue: (alias) => {
      const a = sql.ref(alias);
      return sql`case when ${a}.is_nan = 1 then to_json('NaN'::text) else to_json(${a}.value) end`;
    },
    like: (left, pattern, caseInsensitive) => (caseInsensitive ? sql`${left} ilike ${pattern}` : sql`${left} like ${pattern}`),
    orderText: (expr) => sql`${expr} collate "C"`,
    jsonOut: (expr) => expr,
    translateError,
    async insertMetricPoints(trx, runKey, points) {
      const insert = (onConflict: string) =>
        sql`insert into metrics (run_key, key, step, timestamp, value, is_nan)
          select ${runKey}::bigint, * from ${unnestPoints(points)} ${sql.raw(onConflict)}`.execute(trx);
      // A plain INSERT is 30% cheaper than ON CONFLICT DO NOTHING, which makes PostgreSQL insert
      // each row speculatively. Identical points come only from a client re-sending a batch, so
      // the savepoint is rolled back and the batch retried with ON CONFLICT only when one does.
      // (COMMIT releases the savepoint; releasing it here would cost a round trip.)
      await sql`savepoint metric_points`.execute(trx);
      try {
        await insert("");
      } catch (error) {
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
        await sql`rollback to savepoint metric_points`.execute(trx);
        await insert("on conflict do nothing");
      }
    },
    async upsertLatestMetrics(trx, runId, points) {
      await sql`insert into latest_metrics (run_uuid, key, step, timestamp, value, is_nan)
        select ${runId}, * from ${unnestPoints(points)} ${sql.raw(LATEST_METRIC_CONFLICT)}`.execute(trx);
    },
  };
}

/** One round trip for a whole batch: column arrays, unnested server-side into rows. */
function unnestPoints(points: readonly MetricPoint[]) {
  const keys: string[] = [];
  const steps: number[] = [];
  const timestamps: number[] = [];
  const values: number[] = [];
  const nans: number[] = [];
  for (const p of points) {
    keys.push(p.key);
    steps.push(p.step);
    timestamps.push(p.timestamp);
    values.push(p.value);
    nans.push(p.isNan);
  }
  return sql`unnest(${keys}::text[], ${steps}::bigint[], ${timestamps}::bigint[], ${values}::float8[], ${nans}::smallint[])`;
}

function translateError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  if (code === UNIQUE_VIOLATION) return new CairnError("RESOURCE_ALREADY_EXISTS", "The resource already exists.", { cause: error });
  if (code === "40001" || code === "40P01") {
    return new CairnError("TEMPORARILY_UNAVAILABLE", "The database aborted a conflicting write; retry the request.", { cause: error });
  }
  if (code === "ECONNREFUSED" || code === "57P03") {
    return new CairnError("TEMPORARILY_UNAVAILABLE", "The database is not reachable; retry once it is up.", { cause: error });
  }
  return error;
}
