/** Statuses MLflow's own client retries (urllib3 Retry in mlflow/utils/rest_utils.py). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** How often and how patiently a request is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** Ceiling for one backoff delay (a server's Retry-After may ask for more). */
  maxDelayMs: number;
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/** The defaults: 5 retries, 0.5 s doubling to at most 30 s, about 16 s of patience in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, random: Math.random };

// A server asking for more than this is treated as asking for this: a run should not stall for hours.
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** Reads Retry-After (delta seconds or an HTTP date) as milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}
