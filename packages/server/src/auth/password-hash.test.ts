import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_SCRYPT, dummyPasswordHash, hashPassword, isPasswordHash, verifyPassword } from "./password-hash.js";

const CHEAP = { N: 1024, r: 8, p: 1 };

describe("password hashing", () => {
  it("writes scrypt$N$r$p$salt$hash with the default parameters and a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    assert.match(a, new RegExp(`^scrypt\\$${DEFAULT_SCRYPT.N}\\$${DEFAULT_SCRYPT.r}\\$${DEFAULT_SCRYPT.p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    assert.notEqual(a, b, "two hashes of one password differ by their salt");
    assert.equal(await verifyPassword("correct horse battery", a), true);
    assert.equal(await verifyPassword("correct horse battery", b), true);
  });

  it("refuses a wrong password, a changed case and a password with a character more", async () => {
    const hash = await hashPassword("s3cret-pass", CHEAP);
    for (const wrong of ["s3cret-pasS", "s3cret-pass ", "", "S3CRET-PASS"]) assert.equal(await verifyPassword(wrong, hash), false, wrong);
    assert.equal(await verifyPassword("s3cret-pass", hash), true);
  });

  it("reads the parameters back from the hash, so old hashes keep working when the defaults rise", async () => {
    const hash = await hashPassword("pw-with-cheap-params", CHEAP);
    assert.ok(hash.startsWith("scrypt$1024$8$1$"));
    assert.equal(await verifyPassword("pw-with-cheap-params", hash), true);
  });

  it("never matches a malformed or out-of-bounds hash", async () => {
    const good = await hashPassword("x-password", CHEAP);
    const parts = good.split("$");
    const variants = [
      "",
      "plaintext",
      parts.slice(0, 5).join("$"),
      ["bcrypt", ...parts.slice(1)].join("$"),
      ["scrypt", "1000", ...parts.slice(2)].join("$"), // N not a power of two
      ["scrypt", String(2 ** 21), ...parts.slice(2)].join("$"), // N too large to spend on
      ["scrypt", parts[1], "99", ...parts.slice(3)].join("$"),
      [...parts.slice(0, 5), ""].join("$"),
    ];
    for (const v of variants) {
      assert.equal(await verifyPassword("x-password", v), false, v);
      assert.equal(isPasswordHash(v), false, v);
    }
    assert.equal(isPasswordHash(good), true);
  });

  it("makes dummy hashes that parse, cost the default work and match no password", async () => {
    const dummy = dummyPasswordHash();
    assert.equal(isPasswordHash(dummy), true);
    assert.ok(dummy.startsWith(`scrypt$${DEFAULT_SCRYPT.N}$${DEFAULT_SCRYPT.r}$${DEFAULT_SCRYPT.p}$`));
    assert.equal(await verifyPassword("", dummy), false);
    assert.notEqual(dummyPasswordHash(), dummy);
  });
});
