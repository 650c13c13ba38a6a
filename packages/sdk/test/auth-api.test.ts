import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CairnError, type ErrorCode } from "@cairn/core";
import { createClient, type CairnClient, type FetchLike } from "@cairn/sdk";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

const ADMIN = { username: "admin", password: "admin-password-1" };

/** Asserts that promise rejects with a CairnError of code (and message matching, when given). */
async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CairnError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/**
 * The real fetch with a browser's cookie jar: keeps what Set-Cookie sets (and clears) and sends
 * it back, so a client can use the UI's session the way the browser does.
 */
function browserFetch(): { fetch: FetchLike; jar: Map<string, string>; setCookies: string[] } {
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await globalThis.fetch(url, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      setCookies.push(cookie);
      const [pair] = cookie.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      if (value === "" || /max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return { fetch, jar, setCookies };
}

describe("auth endpoints through the SDK, against a server with auth on", () => {
  let server: EphemeralServer;
  let admin: CairnClient;
  const client = (options: object = {}) => createClient({ trackingUri: server.url, maxRetries: 0, ...options });
  before(async () => {
    server = await startEphemeralServer({ auth: {}, bootstrapAdmin: ADMIN });
    admin = client(ADMIN);
  });
  after(() => server.close());

  it("whoami with Basic credentials names the user; without any it is UNAUTHENTICATED", async () => {
    const me = await admin.auth.whoami();
    assert.equal(me.auth_enabled, true);
    assert.equal(me.user!.username, "admin");
    assert.equal(me.user!.is_admin, true);
    assert.equal(me.csrf_token, undefined);
    await rejectsWith(client().auth.whoami(), "UNAUTHENTICATED");
    await rejectsWith(client({ username: "admin", password: "wrong-password" }).auth.whoami(), "UNAUTHENTICATED", /Wrong username or password/);
  });

  it("users: create, list, get and update; duplicates and short passwords are refused", async () => {
    const { user } = await admin.users.create({ username: "bob", password: "bob-password-1" });
    assert.deepEqual([user.username, user.is_admin, user.disabled, user.groups], ["bob", false, false, []]);
    await admin.users.create({ username: "carol", password: "carol-password-1", is_admin: true });
    assert.deepEqual((await admin.users.list()).users.map((u) => u.username), ["admin", "bob", "carol"]);
    assert.equal((await admin.users.get({ username: "carol" })).user.is_admin, true);
    assert.equal((await admin.users.update({ username: "carol", is_admin: false })).user.is_admin, false);
    await rejectsWith(admin.users.create({ username: "bob", password: "another-password" }), "RESOURCE_ALREADY_EXISTS");
    await rejectsWith(admin.users.create({ username: "dave", password: "short" }), "INVALID_PARAMETER_VALUE", /too short/);
    const bob = client({ username: "bob", password: "bob-password-1" });
    await rejectsWith(bob.users.list(), "PERMISSION_DENIED");
    assert.equal((await bob.users.get({ username: "bob" })).user.username, "bob");
    // Their own password, with the current one.
    await rejectsWith(bob.users.update({ username: "bob", password: "bob-password-2" }), "INVALID_PARAMETER_VALUE", /current_password/);
    await bob.users.update({ username: "bob", password: "bob-password-2", current_password: "bob-password-1" });
    assert.equal((await client({ username: "bob", password: "bob-password-2" }).auth.whoami()).user!.username, "bob");
  });

  it("groups: create, add and remove members, list, get, delete", async () => {
    const { group } = await admin.groups.create({ name: "ml-team", description: "model owners" });
    assert.deepEqual([group.name, group.description, group.members], ["ml-team", "model owners", []]);
    assert.deepEqual((await admin.groups.addMember({ name: "ml-team", username: "bob" })).group.members, ["bob"]);
    assert.deepEqual((await admin.groups.addMember({ name: "ml-team", username: "carol" })).group.members, ["bob", "carol"]);
    assert.deepEqual((await admin.groups.removeMember({ name: "ml-team", username: "carol" })).group.members, ["bob"]);
    assert.deepEqual((await admin.users.get({ username: "bob" })).user.groups, ["ml-team"]);
    await admin.groups.create({ name: "temp" });
    assert.deepEqual((await admin.groups.list()).groups.map((g) => g.name), ["ml-team", "temp"]);
    await admin.groups.delete({ name: "temp" });
    await rejectsWith(admin.groups.get({ name: "temp" }), "RESOURCE_DOES_NOT_EXIST");
    await rejectsWith(admin.groups.addMember({ name: "ml-team", username: "nobody" }), "RESOURCE_DOES_NOT_EXIST");
  });

  it("tokens: the secret is given once and works as a bearer token; listing never shows it; revoking stops it", async () => {
    const bobBasic = client({ username: "bob", password: "bob-password-2" });
    const { token, secret } = await bobBasic.tokens.create({ name: "ci", read_only: true, expires_in_days: 7 });
    assert.match(secret, new RegExp(`^cairn_${token.token_id}_[A-Za-z0-9_-]{43}$`));
    assert.deepEqual([token.username, token.name, token.read_only], ["bob", "ci", true]);
    assert.ok(token.expires_at! > token.creation_timestamp);
    const bob = client({ token: secret });
    assert.equal((await bob.auth.whoami()).user!.username, "bob");
    const listed = (await bob.tokens.list()).tokens;
    assert.deepEqual(listed.map((t) => t.token_id), [token.token_id]);
    assert.ok(!JSON.stringify(listed).includes(secret.split("_").at(-1)!));
    // A read-only token only reads.
    assert.ok(Array.isArray((await bob.experiments.search({})).experiments));
    await rejectsWith(bob.experiments.create({ name: "nope" }), "PERMISSION_DENIED", /read-only/);
    await rejectsWith(bob.tokens.create({ name: "escape" }), "PERMISSION_DENIED");
    // Admins make tokens for others and list anyone's; others may not.
    const forCarol = await admin.tokens.create({ name: "carol-ci", username: "carol" });
    assert.equal(forCarol.token.username, "carol");
    assert.deepEqual((await admin.tokens.list({ username: "carol" })).tokens.map((t) => t.name), ["carol-ci"]);
    await rejectsWith(bobBasic.tokens.create({ name: "x", username: "carol" }), "PERMISSION_DENIED");
    await rejectsWith(bobBasic.tokens.revoke({ token_id: forCarol.token.token_id }), "PERMISSION_DENIED");
    await rejectsWith(admin.tokens.create({ name: "x", expires_in_days: 0 }), "INVALID_PARAMETER_VALUE");
    await bobBasic.tokens.revoke({ token_id: token.token_id });
    await rejectsWith(bob.auth.whoami(), "UNAUTHENTICATED", /revoked/);
    assert.notEqual((await bobBasic.tokens.list()).tokens[0]!.revoked_at, undefined);
  });

  it("permissions: set, list by resource and by principal, delete; MANAGE is needed to grant", async () => {
    await admin.registry.createRegisteredModel({ name: "churn" });
    const { permission } = await admin.permissions.set({ resource_type: "registered_model", resource_id: "churn", principal_type: "group", principal: "ml-team", level: "EDIT" });
    assert.deepEqual([permission.principal, permission.level, permission.granted_by], ["ml-team", "EDIT", "admin"]);
    const onModel = (await admin.permissions.list({ resource_type: "registered_model", resource_id: "churn" })).permissions;
    assert.deepEqual(onModel.map((g) => [g.principal_type, g.principal, g.level]).sort(), [["group", "ml-team", "EDIT"], ["user", "admin", "MANAGE"]]);
    const toGroup = (await admin.permissions.list({ principal_type: "group", principal: "ml-team" })).permissions;
    assert.deepEqual(toGroup.map((g) => g.resource_id), ["churn"]);
    const bob = client({ username: "bob", password: "bob-password-2" });
    // EDIT through the group lets bob change the model, but not grant on it.
    await bob.registry.updateRegisteredModel({ name: "churn", description: "by bob" });
    await rejectsWith(bob.permissions.set({ resource_type: "registered_model", resource_id: "churn", principal_type: "user", principal: "bob", level: "MANAGE" }), "PERMISSION_DENIED", /MANAGE/);
    await rejectsWith(admin.permissions.set({ resource_type: "registered_model", resource_id: "churn", principal_type: "user", principal: "bob", level: "OWNER" as never }), "INVALID_PARAMETER_VALUE");
    await admin.permissions.delete({ resource_type: "registered_model", resource_id: "churn", principal_type: "group", principal: "ml-team" });
    await rejectsWith(bob.registry.updateRegisteredModel({ name: "churn", description: "again" }), "PERMISSION_DENIED");
  });

  it("the UI's way: login sets the session cookies; writes need the CSRF header, which headers() supplies per request; logout ends it", async () => {
    const browser = browserFetch();
    let csrf: string | undefined;
    const ui = client({ fetch: browser.fetch, headers: (): Record<string, string> => (csrf ? { "x-cairn-csrf": csrf } : {}) });
    await rejectsWith(ui.auth.login({ username: "bob", password: "wrong-password" }), "UNAUTHENTICATED");
    const signedIn = await ui.auth.login({ username: "bob", password: "bob-password-2" });
    assert.equal(signedIn.user.username, "bob");
    assert.ok(signedIn.csrf_token.length > 0);
    const session = browser.setCookies.find((c) => c.startsWith("cairn_session="))!;
    assert.match(session, /HttpOnly/i);
    assert.match(session, /SameSite=Strict/i);
    assert.match(session, /Path=\//);
    assert.doesNotMatch(session, /Secure/i, "plain http to loopback");
    assert.ok(browser.setCookies.some((c) => c.startsWith("cairn_csrf=") && !/HttpOnly/i.test(c)));
    // Reads need only the cookie; writes the header too.
    assert.equal((await ui.auth.whoami()).csrf_token, signedIn.csrf_token);
    await rejectsWith(ui.experiments.create({ name: "from-ui" }), "PERMISSION_DENIED", /x-cairn-csrf/);
    csrf = signedIn.csrf_token;
    assert.ok((await ui.experiments.create({ name: "from-ui" })).experiment_id);
    await ui.auth.logout();
    assert.equal(browser.jar.size, 0);
    await rejectsWith(ui.auth.whoami(), "UNAUTHENTICATED");
  });
});

describe("auth endpoints against a server with auth off", () => {
  let server: EphemeralServer;
  before(async () => (server = await startEphemeralServer()));
  after(() => server.close());

  it("whoami says auth is off; login says there is nothing to sign in to", async () => {
    const client = createClient({ trackingUri: server.url, maxRetries: 0 });
    assert.deepEqual(await client.auth.whoami(), { auth_enabled: false });
    await rejectsWith(client.auth.login({ username: "a", password: "b" }), "INVALID_STATE", /Authentication is off/);
  });
});

describe("rate-limited sign-in", () => {
  let server: EphemeralServer;
  before(async () => (server = await startEphemeralServer({ auth: {}, bootstrapAdmin: ADMIN })));
  after(() => server.close());

  it("after 5 failures login answers 429 at once (no waiting out Retry-After), even with the right password", async () => {
    // Default retries: were login retried on 429, the injected sleep would record the Retry-After waits.
    const slept: number[] = [];
    const client = createClient({ trackingUri: server.url, sleep: async (ms) => void slept.push(ms) });
    for (let i = 0; i < 5; i++) await rejectsWith(client.auth.login({ username: "admin", password: `wrong-${i}-password` }), "UNAUTHENTICATED");
    await rejectsWith(client.auth.login(ADMIN), "REQUEST_LIMIT_EXCEEDED", /Wait \d+ seconds/);
    assert.deepEqual(slept, []);
  });
});
