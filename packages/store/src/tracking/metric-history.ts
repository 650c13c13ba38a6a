import { sql } from "kysely";
import {
  LIMITS,
  decodePageToken,
  encodePageToken,
  type JsonText,
  type Metric,
  type MetricHistoryBulkInput,
  type MetricHistoryInput,
  type MetricHistoryPage,
} from "@cairn/core";
import { reading, type StoreContext } from "./context.js";
import { requireRun } from "./runs.js";

/** Keyset cursor: the first point of the next page, in primary-key order. */
interface HistoryCursor extends Record<string, unknown> {
  step: number;
  timestamp: number;
  value: number;
  is_nan: number;
}

function isHistoryCursor(c: Record<string, unknown>): c is HistoryCursor {
  return ["step", "timestamp", "value", "is_nan"].every((k) => typeof c[k] === "number");
}

/**
 * One page of a metric's history in (step, timestamp, value) order. Pages are keyset-based, so
 * reading page N costs the same as page 1; the page itself is built as JSON by the database.
 */
export async function getMetricHistory(ctx: StoreContext, input: MetricHistoryInput): Promise<MetricHistoryPage> {
  const limit = Math.min(input.max_results, LIMITS.metricHistoryPage);
  const start = input.page_token ? decodePageToken(input.page_token, isHistoryCursor) : undefined;
  return reading(ctx, async (db) => {
    const { run_key: runKey } = await requireRun(db, input.run_id);
    const d = ctx.d;
    const range = (alias: string) => {
      const base = sql`${sql.ref(`${alias}.run_key`)} = ${runKey} and ${sql.ref(`${alias}.key`)} = ${input.metric_key}`;
      return start
        ? sql`${base} and (${sql.ref(`${alias}.step`)}, ${sql.ref(`${alias}.timestamp`)}, ${sql.ref(`${alias}.value`)}, ${sql.ref(`${alias}.is_nan`)}) >= (${start.step}, ${start.timestamp}, ${start.value}, ${start.is_nan})`
        : base;
    };
    // The first point past this page, if any, bounds the page and becomes the next cursor.
    const next = await sql<HistoryCursor>`select step, timestamp, value, is_nan from metrics b where ${range("b")}
      order by step, timestamp, value, is_nan limit 1 offset ${limit}`.execute(db);
    const boundary = next.rows[0];
    const upper = boundary
      ? sql` and (m.step, m.timestamp, m.value, m.is_nan) < (${boundary.step}, ${boundary.timestamp}, ${boundary.value}, ${boundary.is_nan})`
      : sql``;
    const element = d.object([
      ["key", sql.ref("m.key")],
      ["value", d.metricValue("m")],
      ["timestamp", sql.ref("m.timestamp")],
      ["step", sql.ref("m.step")],
    ]);
    const order = sql`m.step, m.timestamp, m.value, m.is_nan`;
    const source = sql`select * from metrics m where ${range("m")}${upper} order by ${order}`;
    const page = await sql<{ json: unknown }>`select ${d.jsonOut(d.orderedArray(element, source, "m", order))} as json`.execute(db);
    const json = page.rows[0]?.json;
    const result: MetricHistoryPage = {};
    // pg parses json results unless told otherwise; the dialect keeps them as text.
    if (json !== null && json !== undefined) result.metrics = json as JsonText<Metric[]>;
    if (boundary) result.next_page_token = encodePageToken({ step: Number(boundary.step), timestamp: Number(boundary.timestamp), value: boundary.value, is_nan: boundary.is_nan });
    return result;
  });
}

/** Sampled history of one key across runs between steps, for charts (MLflow's bulk-interval). */
export async function getMetricHistoryBulkInterval(ctx: StoreContext, input: MetricHistoryBulkInput): Promise<Metric[]> {
  return reading(ctx, async (db) => {
    let query = db
      .selectFrom("metrics as m")
      .innerJoin("runs as r", "r.run_key", "m.run_key")
      .select(["r.run_uuid", "m.key", "m.value", "m.timestamp", "m.step", "m.is_nan"])
      .where("r.run_uuid", "in", input.run_ids)
      .where("m.key", "=", input.metric_key);
    if (input.start_step !== undefined) query = query.where("m.step", ">=", input.start_step);
    if (input.end_step !== undefined) query = query.where("m.step", "<=", input.end_step);
    const rows = await query.orderBy("r.run_uuid").orderBy("m.step").orderBy("m.timestamp").execute();
    const byRun = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byRun.get(row.run_uuid) ?? [];
      list.push(row);
      byRun.set(row.run_uuid, list);
    }
    const out: Metric[] = [];
    for (const list of byRun.values()) {
      for (const row of sample(list, input.max_results)) {
        out.push({ key: row.key, value: row.is_nan ? Number.NaN : row.value, timestamp: Number(row.timestamp), step: Number(row.step), run_id: row.run_uuid });
      }
    }
    return out;
  });
}

/** Evenly spaced points that always keep the first and the last, as MLflow's sampler does. */
function sample<T>(rows: T[], max: number): T[] {
  if (rows.length <= max) return rows;
  if (max <= 1) return rows.slice(-1);
  const out: T[] = [];
  const stride = (rows.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(rows[Math.round(i * stride)]!);
  return out;
}
