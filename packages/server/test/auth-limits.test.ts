import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { basic, startAuthTestServer, type AuthTestServer } from "./auth-harness.js";

const CAIRN = "/api/2.0/cairn";
const login = (s: AuthTestServer, username: string, password: string, remoteAddress = "192.0.2.1") =>
  s.app.inject({ method: "POST", url: `${CAIRN}/auth/login`, remoteAddress, headers: { "content-type": "application/json" }, payload: JSON.stringify({ username, password }) });

describe("failed sign-in rate limiting", () => {
  let s: AuthTestServer;
  before(async () => {
    s = await startAuthTestServer();
    await s.user("alice");
    await s.user("bob");
  });
  after(() => s.close());

  it("answers 429 with Retry-After after 5 failures in 5 minutes, even to the right password, and lets in after the window", async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await login(s, "alice", "wrong-password", `192.0.2.${10 + i}`)).statusCode, 401);
      s.advance(1000);
    }
    const limited = await login(s, "alice", "alice-password", "192.0.2.99");
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error_code, "REQUEST_LIMIT_EXCEEDED");
    const retryAfter = Number(limited.headers["retry-after"]);
    assert.equal(retryAfter, 5 * 60 - 5, "until the first failure leaves the sliding window");
    assert.match(limited.json().message, new RegExp(`Wait ${retryAfter} seconds`));
    // Basic auth counts against the same limit (no way around it through the API).
    const viaBasic = await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic({ username: "alice", password: "alice-password" }) });
    assert.equal(viaBasic.status, 429);
    assert.ok(Number(viaBasic.headers["retry-after"]) > 0);
    // Other users are unaffected.
    assert.equal((await login(s, "bob", "bob-password", "192.0.2.98")).statusCode, 200);

    s.advance(retryAfter * 1000);
    assert.equal((await login(s, "alice", "alice-password", "192.0.2.99")).statusCode, 200);
  });

  it("limits a client address trying many usernames", async () => {
    for (const name of ["u1", "u2", "u3", "u4", "u5"]) assert.equal((await login(s, name, "guess-guess", "198.51.100.7")).statusCode, 401);
    assert.equal((await login(s, "bob", "bob-password", "198.51.100.7")).statusCode, 429);
    assert.equal((await login(s, "bob", "bob-password", "198.51.100.8")).statusCode, 200);
    s.advance(5 * 60_000);
    assert.equal((await login(s, "bob", "bob-password", "198.51.100.7")).statusCode, 200);
  });

  it("counts wrong Basic passwords too", async () => {
    const carol = await s.user("carol");
    for (let i = 0; i < 5; i++) assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic({ username: "carol", password: `wrong-${i}` }) })).status, 401);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(carol) })).status, 429);
    s.advance(5 * 60_000);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(carol) })).status, 200);
  });
});

describe("credential caches", () => {
  let s: AuthTestServer;
  const root = { username: "root", password: "root-password" };
  before(async () => {
    s = await startAuthTestServer();
  });
  after(() => s.close());

  it("stops a cached Basic password at once when it changes or the user is disabled", async () => {
    const erin = await s.user("erin");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(erin) })).status, 200); // now cached
    // Changed behind the server's back (another replica): the stored hash differs, so the cache does not apply.
    await s.store.updateUser("erin", { password_hash: (await s.store.findUserSecret("root"))!.password_hash });
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(erin) })).status, 401);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic({ username: "erin", password: "root-password" }) })).status, 200);
    await s.store.updateUser("erin", { disabled: true });
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic({ username: "erin", password: "root-password" }) })).status, 401);
  });

  it("changes a password through the API: the old one stops at once, the new one works", async () => {
    const frank = await s.user("frank");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(frank) })).status, 200);
    const changed = await s.call("POST", `${CAIRN}/users/update`, { as: basic(frank), body: { username: "frank", password: "brand-new-password", current_password: frank.password } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(frank) })).status, 401);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic({ username: "frank", password: "brand-new-password" }) })).status, 200);
  });

  it("revokes at once on this server, and within 5 seconds when revoked elsewhere", async () => {
    await s.user("gina");
    const here = await s.token("gina");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: here.secret } })).status, 200);
    assert.equal((await s.call("POST", `${CAIRN}/tokens/revoke`, { as: basic(root), body: { token_id: here.id } })).status, 200);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: here.secret } })).status, 401, "immediately");

    const elsewhere = await s.token("gina");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: elsewhere.secret } })).status, 200);
    await s.store.revokeCredential(elsewhere.id, s.now()); // as another replica would
    s.advance(4_999);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: elsewhere.secret } })).status, 200, "the cached row, at most 5 s old");
    s.advance(1);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: elsewhere.secret } })).status, 401);
  });

  it("demoting an administrator through the API takes effect at once for their cached token", async () => {
    await s.user("hank", { admin: true });
    const t = await s.token("hank");
    assert.equal((await s.call("GET", `${CAIRN}/users/list`, { as: { bearer: t.secret } })).status, 200);
    assert.equal((await s.call("POST", `${CAIRN}/users/update`, { as: basic(root), body: { username: "hank", is_admin: false } })).status, 200);
    assert.equal((await s.call("GET", `${CAIRN}/users/list`, { as: { bearer: t.secret } })).status, 403);
  });

  it("records a token's last use at most once a minute", async () => {
    await s.user("ivy");
    const t = await s.token("ivy");
    const lastUsed = async () => (await s.store.listTokens("ivy")).find((x) => x.token_id === t.id)!.last_used_at;
    assert.equal(await lastUsed(), undefined);
    const first = s.now();
    await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: t.secret } });
    assert.equal(await lastUsed(), first);
    s.advance(59_000);
    await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: t.secret } });
    assert.equal(await lastUsed(), first, "not again within the minute");
    s.advance(1_000);
    await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: t.secret } });
    assert.equal(await lastUsed(), first + 60_000);
  });
});
