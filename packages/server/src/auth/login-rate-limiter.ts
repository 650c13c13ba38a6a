/** How many failed sign-ins within how long block further attempts. */
export interface RateLimit {
  maxFailures: number;
  windowMs: number;
}

/** 5 failures in a sliding 5 minutes, per username and per client address. */
export const LOGIN_RATE_LIMIT: RateLimit = { maxFailures: 5, windowMs: 5 * 60_000 };

const MAX_KEYS = 100_000;

/**
 * Failed sign-in counting, in memory per server replica (so behind a load balancer with N
 * replicas an attacker gets up to N times the attempts; documented in docs/security.md).
 * Keys are "user:<name>" and "addr:<ip>"; each holds the times of its recent failures.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: () => number,
    private readonly limit: RateLimit = LOGIN_RATE_LIMIT,
  ) {}

  /** Milliseconds until this username and address may try again; 0 when they may now. */
  retryAfterMs(username: string, address: string): number {
    const now = this.clock();
    return Math.max(this.wait(userKey(username), now), this.wait(addressKey(address), now));
  }

  /** Counts one failure against both the username and the address. */
  recordFailure(username: string, address: string): void {
    const now = this.clock();
    if (this.failures.size >= MAX_KEYS) this.sweep(now);
    for (const key of [userKey(username), addressKey(address)]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
    }
  }

  /** A successful sign-in clears the username's failures (not the address's: one right password must not reset guessing at others). */
  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
  }

  private wait(key: string, now: number): number {
    const times = this.recent(key, now);
    if (times.length < this.limit.maxFailures) return 0;
    // Allowed again once enough of the failures have left the window.
    return times[times.length - this.limit.maxFailures]! + this.limit.windowMs - now;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
    // Still full of live keys (a spray from many addresses): drop the oldest half.
    if (this.failures.size >= MAX_KEYS) for (const key of [...this.failures.keys()].slice(0, MAX_KEYS / 2)) this.failures.delete(key);
  }
}

// Usernames are at most 64 characters; a longer one is a guess, and keying on a prefix bounds the memory a spray of them takes.
const userKey = (username: string) => `user:${username.slice(0, 128)}`;
const addressKey = (address: string) => `addr:${address}`;
