import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { LOGIN_RATE_LIMIT, LoginRateLimiter } from "./login-rate-limiter.js";
import { TtlCache } from "./ttl-cache.js";

describe("failed sign-in limiting", () => {
  it("blocks a username after 5 failures in 5 minutes and lets it in once the oldest leaves the window", () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter(() => now);
    for (let i = 0; i < 4; i++) {
      limiter.recordFailure("bob", `10.0.0.${i}`);
      now += 10_000;
    }
    assert.equal(limiter.retryAfterMs("bob", "10.0.1.1"), 0, "4 failures: still allowed");
    limiter.recordFailure("bob", "10.0.0.9"); // the 5th, at 1_040_000
    const wait = limiter.retryAfterMs("bob", "10.0.1.1");
    assert.equal(wait, 1_000_000 + LOGIN_RATE_LIMIT.windowMs - now, "until the first failure is 5 minutes old");
    now += wait - 1;
    assert.equal(limiter.retryAfterMs("bob", "10.0.1.1"), 1);
    now += 1;
    assert.equal(limiter.retryAfterMs("bob", "10.0.1.1"), 0, "sliding: one failure left the window");
    assert.equal(limiter.retryAfterMs("alice", "10.0.1.1"), 0, "other usernames are not affected");
  });

  it("blocks an address after 5 failures whatever usernames it tries", () => {
    let now = 0;
    const limiter = new LoginRateLimiter(() => now);
    for (const name of ["a", "b", "c", "d", "e"]) limiter.recordFailure(name, "192.0.2.7");
    assert.ok(limiter.retryAfterMs("f", "192.0.2.7") > 0);
    assert.equal(limiter.retryAfterMs("f", "192.0.2.8"), 0);
    now += LOGIN_RATE_LIMIT.windowMs;
    assert.equal(limiter.retryAfterMs("f", "192.0.2.7"), 0);
  });

  it("clears a username's failures on success but not the address's", () => {
    const limiter = new LoginRateLimiter(() => 5);
    for (let i = 0; i < 5; i++) limiter.recordFailure("bob", "192.0.2.1");
    limiter.recordSuccess("bob");
    assert.equal(limiter.retryAfterMs("bob", "192.0.2.2"), 0);
    assert.ok(limiter.retryAfterMs("bob", "192.0.2.1") > 0);
  });
});

describe("TtlCache", () => {
  it("forgets entries after their time to live and evicts the oldest beyond its size", () => {
    let now = 0;
    const cache = new TtlCache<number>(100, () => now, 2);
    cache.set("a", 1);
    now = 99;
    assert.equal(cache.get("a"), 1);
    now = 100;
    assert.equal(cache.get("a"), undefined);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    assert.deepEqual([cache.get("a"), cache.get("b"), cache.get("c")], [undefined, 2, 3]);
    cache.deleteWhere((v) => v === 2);
    assert.equal(cache.get("b"), undefined);
  });
});
