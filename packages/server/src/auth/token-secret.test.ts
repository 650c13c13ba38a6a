import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { formatToken, hashSecret, newSecret, parseToken, secretMatches } from "./token-secret.js";
import { safeEqual } from "./constant-time.js";
import { csrfMatches, csrfTokenFor } from "./csrf.js";

describe("token secrets", () => {
  it("formats cairn_<id>_<43 base64url chars> and parses it back, underscores in the secret included", () => {
    for (let i = 0; i < 50; i++) {
      const secret = newSecret();
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
      const token = formatToken("0f3c9a", secret);
      assert.deepEqual(parseToken(token), { credentialId: "0f3c9a", secret });
    }
    assert.deepEqual(parseToken(`cairn_abc_${"_".repeat(43)}`), { credentialId: "abc", secret: "_".repeat(43) });
  });

  it("refuses what is not one of its tokens", () => {
    const secret = newSecret();
    for (const bad of ["", "cairn_", `cairn__${secret}`, `cairn_abc_${secret}x`, `cairn_abc_${secret.slice(1)}`, `Cairn_abc_${secret}`, `cairn_a b_${secret}`, `xcairn_abc_${secret}`, `cairn_abc_${secret}\n`]) {
      assert.equal(parseToken(bad), undefined, JSON.stringify(bad));
    }
  });

  it("stores sha256 hex of the secret and compares in constant time", () => {
    const secret = newSecret();
    const stored = hashSecret(secret);
    assert.equal(stored, createHash("sha256").update(secret).digest("hex"));
    assert.equal(secretMatches(secret, stored), true);
    assert.equal(secretMatches(newSecret(), stored), false);
    assert.equal(secretMatches(secret, stored.toUpperCase()), false);
    assert.equal(secretMatches(secret, ""), false);
  });

  it("safeEqual compares values of any length without throwing", () => {
    assert.equal(safeEqual("abc", "abc"), true);
    assert.equal(safeEqual("abc", "abcd"), false);
    assert.equal(safeEqual("", ""), true);
    assert.equal(safeEqual(Buffer.from("x"), "x"), true);
  });

  it("derives a CSRF token per session that only that session's token matches", () => {
    const a = formatToken("s1", newSecret());
    const b = formatToken("s1", newSecret());
    assert.match(csrfTokenFor(a), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(csrfTokenFor(a), csrfTokenFor(a));
    assert.notEqual(csrfTokenFor(a), csrfTokenFor(b));
    assert.equal(csrfMatches(a, csrfTokenFor(a)), true);
    assert.equal(csrfMatches(a, csrfTokenFor(b)), false);
    assert.equal(csrfMatches(a, undefined), false);
    assert.equal(csrfMatches(a, ""), false);
    assert.equal(csrfMatches(a, [csrfTokenFor(a)]), false, "a repeated header is refused");
  });
});
