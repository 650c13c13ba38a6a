import { sql } from "kysely";
import type { DownsampledHistory, DownsampledHistoryInput, HistoryPoint } from "@cairn/core";
import { reading, type StoreContext } from "./context.js";
import { requireRun } from "./runs.js";
import { extremesByStepRange, int, type BucketQuery, type PointRow } from "./metric-buckets.js";

/**
 * Min/max downsampling of one metric's history, done by the database: the range is cut into
 * max_points/2 buckets of equal step width and each bucket keeps its lowest and its highest
 * point, so a spike of one point is never averaged away. A range holding at most max_points
 * points comes back whole (that is what a zoomed chart asks for). NaN points only stand for
 * buckets holding nothing else, since they have no place on a value axis.
 */
export async function getMetricHistoryDownsampled(ctx: StoreContext, input: DownsampledHistoryInput): Promise<DownsampledHistory> {
  return reading(ctx, async (db) => {
    const { run_key: runKey } = await requireRun(db, input.run_id);
    const byStep = input.x_axis !== "timestamp";
    const x = sql.ref(byStep ? "step" : "timestamp");
    // Buckets are always step ranges, which are primary-key ranges: timestamps have no index,
    // and ranking 1,000,000 points by value per time bucket took 3 s. On the time axis the
    // chosen range is first mapped to the steps it holds; each step bucket still keeps its
    // lowest and highest point, so no spike is lost, and the buckets are merely not of equal
    // duration where logging was uneven in time.
    let inRange = sql`true`;
    if (input.start !== undefined) inRange = sql`${inRange} and ${x} >= ${int(input.start)}`;
    if (input.end !== undefined) inRange = sql`${inRange} and ${x} <= ${int(input.end)}`;
    const where = sql`run_key = ${runKey} and key = ${input.metric_key} and ${inRange}`;

    const stats = await sql<{ n: number | string; lo: number | string | null; hi: number | string | null }>`
      select count(*) as n, min(step) as lo, max(step) as hi from metrics where ${where}`.execute(db);
    const row = stats.rows[0]!;
    const total = Number(row.n);
    const order = byStep ? sql`step, timestamp` : sql`timestamp, step`;
    if (total <= input.max_points || row.lo === null || row.hi === null) {
      const all = await sql<PointRow>`select step, timestamp, value, is_nan from metrics where ${where} order by ${order}`.execute(db);
      return { points: all.rows.map(toPoint), total_points: total, downsampled: false };
    }
    const start = byStep && input.start !== undefined ? input.start : Number(row.lo);
    const end = byStep && input.end !== undefined ? input.end : Number(row.hi);
    const buckets = Math.max(1, Math.floor(input.max_points / 2));
    const width = Math.max(1, Math.ceil((end - start + 1) / buckets));
    const query: BucketQuery = { runKey, key: input.metric_key, also: byStep ? sql`true` : inRange, start, end, width, buckets: Math.ceil((end - start + 1) / width) };
    const points = (await extremesByStepRange(db, query)).map(toPoint);
    if (!byStep) points.sort((a, b) => a.timestamp - b.timestamp || a.step - b.step);
    return { points, total_points: total, downsampled: true };
  });
}

function toPoint(row: PointRow): HistoryPoint {
  return { step: Number(row.step), timestamp: Number(row.timestamp), value: Number(row.is_nan) ? Number.NaN : row.value };
}

