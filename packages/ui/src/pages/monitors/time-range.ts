import type { TimeRangeMs } from "./monitor-api";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The ranges a person picks from, kept in the URL as ?range=. */
export const RANGE_CHOICES = [
  { id: "24h", label: "Last 24 hours", ms: DAY },
  { id: "7d", label: "Last 7 days", ms: 7 * DAY },
  { id: "30d", label: "Last 30 days", ms: 30 * DAY },
  { id: "all", label: "All time", ms: Number.POSITIVE_INFINITY },
] as const;

/** One of RANGE_CHOICES' ids. */
export type RangeId = (typeof RANGE_CHOICES)[number]["id"];

/** The default range: the server's own default, the last 30 days. */
export const DEFAULT_RANGE: RangeId = "30d";

/** The range a ?range= value names; the default when absent or unknown. */
export function rangeIdOf(value: string | null): RangeId {
  return RANGE_CHOICES.find((c) => c.id === value)?.id ?? DEFAULT_RANGE;
}

// Queries are keyed by their range: the end is rounded up to the minute so that renders within
// one minute ask for the same range (and share the cache) instead of a new one each millisecond.
const ROUND_MS = 60_000;

/** The range in ms for an id at a time: ends at `now` rounded up to the minute; "all" starts at the epoch. */
export function rangeMs(id: RangeId, now: number): TimeRangeMs {
  const end = Math.ceil((now + 1) / ROUND_MS) * ROUND_MS;
  const span = RANGE_CHOICES.find((c) => c.id === id)!.ms;
  return { start_time_ms: Number.isFinite(span) ? end - span : 0, end_time_ms: end };
}

/** The range of one window inside a range, or the whole range when windowStart is undefined. */
export function windowRange(range: TimeRangeMs, windowStart: number | undefined, windowMs: number): TimeRangeMs {
  if (windowStart === undefined) return range;
  return { start_time_ms: windowStart, end_time_ms: windowStart + windowMs };
}
