import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../schema.js";

export interface PointRow {
  step: number | string;
  timestamp: number | string;
  value: number;
  is_nan: number | string;
}

/** One downsampling request after planning: buckets of `width` steps from step `start`. */
export interface BucketQuery {
  runKey: number;
  key: string;
  /** A further condition on each point (a timestamp range), or `true`. */
  also: RawBuilder<unknown>;
  start: number;
  /** Inclusive last step: the last bucket stops here even when the width would carry it further. */
  end: number;
  width: number;
  buckets: number;
}

/** A JS integer bound as a SQL integer on both dialects, so bucket arithmetic stays integral. */
export const int = (n: number): RawBuilder<unknown> => sql`cast(${n} as bigint)`;

/**
 * Bucket extremes by step: every bucket is a primary-key range, so each aggregate reads only
 * its own bucket and nothing is sorted. The CTEs are materialized because inlining
 * them would re-run the min/max subqueries once per scanned row.
 */
export async function extremesByStepRange(db: Kysely<Database>, q: BucketQuery): Promise<PointRow[]> {
  const inBucket = sql`run_key = ${q.runKey} and key = ${q.key} and step between r.a and r.z and ${q.also}`;
  // A bucket of NaN only is drawn as a gap: it keeps one NaN point.
  const matches = (v: string) => sql`(is_nan = 0 and value = ${sql.ref(v)} or ${sql.ref(v)} is null and is_nan = 1)`;
  const result = await sql<PointRow>`
    with recursive bk(i) as (select ${int(0)} union all select i + 1 from bk where i < ${int(q.buckets - 1)}),
    ranges as materialized (select ${int(q.start)} + i * ${int(q.width)} as a, case when i = ${int(q.buckets - 1)} then ${int(q.end)} else ${int(q.start)} + i * ${int(q.width)} + ${int(q.width - 1)} end as z from bk),
    agg as materialized (select r.a, r.z,
        (select min(value) from metrics where ${inBucket} and is_nan = 0) as lo,
        (select max(value) from metrics where ${inBucket} and is_nan = 0) as hi
      from ranges r),
    picks as materialized (select r.lo, r.hi,
        (select min(step) from metrics where ${inBucket} and ${matches("r.lo")}) as lo_x,
        (select min(step) from metrics where ${inBucket} and ${matches("r.hi")}) as hi_x
      from agg r),
    ends as (select lo_x as x, lo as v from picks where lo_x is not null
      union select hi_x as x, hi as v from picks where hi_x is not null)
    select e.x as step,
      (select min(timestamp) from metrics where run_key = ${q.runKey} and key = ${q.key} and step = e.x and ${q.also} and ${matches("e.v")}) as timestamp,
      coalesce(e.v, 0) as value, case when e.v is null then 1 else 0 end as is_nan
    from ends e order by step, timestamp`.execute(db);
  return result.rows;
}
