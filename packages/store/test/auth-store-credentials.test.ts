import { it } from "node:test";
import assert from "node:assert/strict";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

describeEachDialect("auth store: credentials", (dialect) => {
  it("stores tokens and sessions, finds them with their user, and records use", async () => {
    let now = 1000;
    let n = 0;
    const store = await dialect.open({ clock: () => now, newId: () => `c${n++}` });
    const ana = await store.createUser({ username: "ana", password_hash: "h", is_admin: true });
    const tokenId = await store.createCredential({ user_id: ana.user_id, kind: "token", name: "ci", secret_hash: "s1", read_only: true, expires_at: 9_000_000 });
    assert.equal(tokenId, `c${n - 1}`);
    assert.deepEqual(await store.findCredential(tokenId), {
      credential_id: tokenId,
      kind: "token",
      secret_hash: "s1",
      read_only: true,
      expires_at: 9_000_000,
      user_id: ana.user_id,
      username: "ana",
      is_admin: true,
      disabled: false,
    });
    const sessionId = await store.createCredential({ user_id: ana.user_id, kind: "session", secret_hash: "s2" });
    const session = await store.findCredential(sessionId);
    assert.deepEqual([session?.kind, session?.read_only, session?.expires_at, session?.last_used_at], ["session", false, undefined, undefined]);
    assert.equal(await store.findCredential("unknown"), undefined);

    await store.touchCredential(sessionId, 1500);
    assert.equal((await store.findCredential(sessionId))?.last_used_at, 1500);
    // The user's state is read with the credential, so disabling shows at once.
    await store.updateUser("ana", { disabled: true, is_admin: false });
    const after = await store.findCredential(tokenId);
    assert.deepEqual([after?.disabled, after?.is_admin], [true, false]);
    await expectCode(store.touchCredential("unknown", 1), "RESOURCE_DOES_NOT_EXIST", /Token 'unknown' does not exist/);
  });

  it("lists tokens only, newest first, of everyone or of one user", async () => {
    let now = 1000;
    let n = 0;
    const store = await dialect.open({ clock: () => now, newId: () => `c${String(n++).padStart(3, "0")}` });
    const ana = await store.createUser({ username: "ana", password_hash: "h" });
    const bob = await store.createUser({ username: "bob", password_hash: "h" });
    now = 2000;
    const a1 = await store.createCredential({ user_id: ana.user_id, kind: "token", name: "first", secret_hash: "x" });
    now = 3000;
    const b1 = await store.createCredential({ user_id: bob.user_id, kind: "token", name: "bob's", secret_hash: "x", expires_at: 5000 });
    await store.createCredential({ user_id: ana.user_id, kind: "session", secret_hash: "x" });
    now = 4000;
    const a2 = await store.createCredential({ user_id: ana.user_id, kind: "token", secret_hash: "x" });
    await store.touchCredential(a2, 4100);

    const all = await store.listTokens();
    assert.deepEqual(all.map((t) => t.token_id), [a2, b1, a1]);
    assert.deepEqual(all[0], { token_id: a2, username: "ana", name: "", read_only: false, last_used_at: 4100, creation_timestamp: 4000 });
    assert.deepEqual(all[1], { token_id: b1, username: "bob", name: "bob's", read_only: false, expires_at: 5000, creation_timestamp: 3000 });
    assert.equal(all.some((t) => "secret_hash" in t), false);
    assert.deepEqual((await store.listTokens("ana")).map((t) => t.token_id), [a2, a1]);
    assert.deepEqual((await store.listTokens("bob")).map((t) => t.token_id), [b1]);
    await expectCode(store.listTokens("carl"), "RESOURCE_DOES_NOT_EXIST", /User 'carl' does not exist/);
    await expectCode(store.listTokens("c c"), "INVALID_PARAMETER_VALUE", /Invalid username/);
  });

  it("revokes idempotently, keeping the first revocation time", async () => {
    const store = await dialect.open();
    const ana = await store.createUser({ username: "ana", password_hash: "h" });
    const id = await store.createCredential({ user_id: ana.user_id, kind: "token", name: "t", secret_hash: "x" });
    const other = await store.createCredential({ user_id: ana.user_id, kind: "token", name: "u", secret_hash: "y" });
    await store.revokeCredential(id, 7000);
    await store.revokeCredential(id, 8000);
    assert.equal((await store.findCredential(id))?.revoked_at, 7000);
    assert.equal((await store.listTokens("ana")).find((t) => t.token_id === id)?.revoked_at, 7000);
    assert.equal((await store.findCredential(other))?.revoked_at, undefined);
    await expectCode(store.revokeCredential("nope", 1), "RESOURCE_DOES_NOT_EXIST", /Token 'nope' does not exist\. List tokens with `cairn tokens list`\./);
  });

  it("refuses credentials for unknown users or with bad fields, and writes nothing", async () => {
    const store = await dialect.open();
    const ana = await store.createUser({ username: "ana", password_hash: "h" });
    await expectCode(store.createCredential({ user_id: "ghost", kind: "token", secret_hash: "x" }), "RESOURCE_DOES_NOT_EXIST", /User with id 'ghost' does not exist/);
    await expectCode(store.createCredential({ user_id: ana.user_id, kind: "cookie" as never, secret_hash: "x" }), "INVALID_PARAMETER_VALUE", /Invalid credential kind 'cookie'/);
    await expectCode(store.createCredential({ user_id: ana.user_id, kind: "token", secret_hash: "" }), "INVALID_PARAMETER_VALUE", /secret hash/);
    await expectCode(store.createCredential({ user_id: ana.user_id, kind: "token", name: "n".repeat(257), secret_hash: "x" }), "INVALID_PARAMETER_VALUE", /at most 256/);
    await expectCode(store.createCredential({ user_id: ana.user_id, kind: "token", secret_hash: "x", expires_at: 1.5 }), "INVALID_PARAMETER_VALUE", /expires_at/);
    assert.deepEqual(await store.listTokens(), []);
  });
});
