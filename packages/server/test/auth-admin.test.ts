import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { basic, startAuthTestServer, type AuthTestServer } from "./auth-harness.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";

describe("users, groups, tokens and permissions endpoints", () => {
  let s: AuthTestServer;
  const root = basic({ username: "root", password: "root-password" });
  let alice: ReturnType<typeof basic>;
  let bob: ReturnType<typeof basic>;
  before(async () => {
    s = await startAuthTestServer({ defaultPermission: "NO_PERMISSIONS" });
    alice = basic(await s.user("alice"));
    bob = basic(await s.user("bob"));
  });
  after(() => s.close());

  it("lets administrators create, list, get and update users; users see and change only themselves", async () => {
    const created = await s.call("POST", `${CAIRN}/users/create`, { as: root, body: { username: "newbie", password: "a-long-password" } });
    assert.equal(created.status, 200, created.text);
    assert.deepEqual([created.json.user.username, created.json.user.is_admin, created.json.user.disabled, created.json.user.groups], ["newbie", false, false, []]);
    assert.equal(JSON.stringify(created.json).includes("password"), false, "no password or hash in the answer");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { basic: ["newbie", "a-long-password"] } })).status, 200, "the API hashes with the real cost and verifies");
    const hash = (await s.store.findUserSecret("newbie"))!.password_hash;
    assert.match(hash, /^scrypt\$16384\$8\$5\$/);

    assert.deepEqual((await s.call("GET", `${CAIRN}/users/list`, { as: root })).json.users.map((u: { username: string }) => u.username), ["alice", "bob", "newbie", "root"]);
    assert.equal((await s.call("GET", `${CAIRN}/users/list`, { as: alice })).status, 403);
    assert.equal((await s.call("POST", `${CAIRN}/users/create`, { as: alice, body: { username: "sneaky", password: "a-long-password", is_admin: true } })).status, 403);
    assert.equal((await s.call("GET", `${CAIRN}/users/get?username=alice`, { as: alice })).json.user.username, "alice");
    const others = await s.call("GET", `${CAIRN}/users/get?username=bob`, { as: alice });
    assert.equal(others.status, 403);
    assert.equal((await s.call("GET", `${CAIRN}/users/get?username=nobody`, { as: alice })).json.message, others.json.message, "the same refusal whether the user exists or not");

    assert.equal((await s.call("POST", `${CAIRN}/users/update`, { as: alice, body: { username: "alice", is_admin: true } })).status, 403);
    assert.equal((await s.call("POST", `${CAIRN}/users/update`, { as: alice, body: { username: "bob", password: "taken-over-1" } })).status, 403);
    const noCurrent = await s.call("POST", `${CAIRN}/users/update`, { as: alice, body: { username: "alice", password: "another-password" } });
    assert.equal(noCurrent.status, 400);
    assert.match(noCurrent.json.message, /current_password/);
    const wrongCurrent = await s.call("POST", `${CAIRN}/users/update`, { as: alice, body: { username: "alice", password: "another-password", current_password: "not-it-at-all" } });
    assert.equal(wrongCurrent.status, 403);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: alice })).status, 200, "the password did not change");

    const disabled = await s.call("POST", `${CAIRN}/users/update`, { as: root, body: { username: "newbie", disabled: true } });
    assert.equal(disabled.json.user.disabled, true);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { basic: ["newbie", "a-long-password"] } })).status, 401);
  });

  it("refuses bad user input with messages and writes nothing", async () => {
    const before = (await s.store.listUsers()).length;
    for (const [body, pattern] of [
      [{ username: "short", password: "1234567" }, /at least 8/],
      [{ username: "bad name", password: "a-long-password" }, /Invalid username/],
      [{ username: "alice", password: "a-long-password" }, /already exists/],
      [{ username: "x", password: "p".repeat(1025) }, /password/],
      [{ username: "x" }, /password/],
    ] as const) {
      const r = await s.call("POST", `${CAIRN}/users/create`, { as: root, body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(r.json.message, pattern);
    }
    assert.equal((await s.store.listUsers()).length, before);
    assert.equal((await s.call("POST", `${CAIRN}/users/update`, { as: root, body: { username: "alice" } })).status, 400, "nothing to change");
    const last = await s.call("POST", `${CAIRN}/users/update`, { as: root, body: { username: "root", is_admin: false } });
    assert.equal(last.status, 400);
    assert.equal(last.json.error_code, "INVALID_STATE");
    assert.match(last.json.message, /last enabled administrator/);
  });

  it("manages groups (administrators only)", async () => {
    assert.equal((await s.call("POST", `${CAIRN}/groups/create`, { as: alice, body: { name: "ml" } })).status, 403);
    assert.equal((await s.call("POST", `${CAIRN}/groups/create`, { as: root, body: { name: "ml", description: "ML team" } })).json.group.name, "ml");
    assert.deepEqual((await s.call("POST", `${CAIRN}/groups/add-member`, { as: root, body: { name: "ml", username: "alice" } })).json.group.members, ["alice"]);
    assert.deepEqual((await s.call("POST", `${CAIRN}/groups/add-member`, { as: root, body: { name: "ml", username: "bob" } })).json.group.members, ["alice", "bob"]);
    assert.deepEqual((await s.call("GET", `${CAIRN}/groups/get?name=ml`, { as: root })).json.group.members, ["alice", "bob"]);
    assert.deepEqual((await s.call("POST", `${CAIRN}/groups/remove-member`, { as: root, body: { name: "ml", username: "bob" } })).json.group.members, ["alice"]);
    assert.deepEqual((await s.call("GET", `${CAIRN}/groups/list`, { as: root })).json.groups.map((g: { name: string }) => g.name), ["ml"]);
    assert.equal((await s.call("GET", `${CAIRN}/groups/list`, { as: alice })).status, 403);
    assert.equal((await s.call("POST", `${CAIRN}/groups/add-member`, { as: root, body: { name: "ml", username: "ghost" } })).status, 404);
    assert.equal((await s.call("POST", `${CAIRN}/groups/create`, { as: root, body: { name: "tmp" } })).status, 200);
    assert.equal((await s.call("POST", `${CAIRN}/groups/delete`, { as: root, body: { name: "tmp" } })).status, 200);
    assert.equal((await s.call("GET", `${CAIRN}/groups/get?name=tmp`, { as: root })).status, 404);
  });

  it("creates tokens shown once, lists them without secrets, and revokes only one's own", async () => {
    const created = await s.call("POST", `${CAIRN}/tokens/create`, { as: alice, body: { name: "ci", read_only: true, expires_in_days: 30 } });
    assert.equal(created.status, 200, created.text);
    const { token, secret } = created.json;
    assert.match(secret, new RegExp(`^cairn_${token.token_id}_[A-Za-z0-9_-]{43}$`));
    assert.deepEqual([token.username, token.name, token.read_only, token.expires_at - token.creation_timestamp], ["alice", "ci", true, 30 * 86_400_000]);
    assert.equal((await s.store.findCredential(token.token_id))!.secret_hash.length, 64, "only the hash is stored");
    assert.notEqual((await s.store.findCredential(token.token_id))!.secret_hash, secret);

    const listed = await s.call("GET", `${CAIRN}/tokens/list`, { as: alice });
    assert.deepEqual(listed.json.tokens.map((t: { token_id: string }) => t.token_id), [token.token_id]);
    assert.equal(listed.text.includes(secret.split("_").pop()), false, "never the secret again");
    assert.equal((await s.call("GET", `${CAIRN}/tokens/list?username=bob`, { as: alice })).status, 403);
    assert.equal((await s.call("POST", `${CAIRN}/tokens/create`, { as: alice, body: { name: "for-bob", username: "bob" } })).status, 403);
    const bobs = await s.call("POST", `${CAIRN}/tokens/create`, { as: root, body: { name: "for-bob", username: "bob" } });
    assert.equal(bobs.json.token.username, "bob");
    assert.deepEqual((await s.call("GET", `${CAIRN}/tokens/list?username=bob`, { as: root })).json.tokens.map((t: { name: string }) => t.name), ["for-bob"]);
    assert.ok((await s.call("GET", `${CAIRN}/tokens/list`, { as: root })).json.tokens.length >= 2, "admins list everyone's");

    const notMine = await s.call("POST", `${CAIRN}/tokens/revoke`, { as: alice, body: { token_id: bobs.json.token.token_id } });
    const none = await s.call("POST", `${CAIRN}/tokens/revoke`, { as: alice, body: { token_id: "0123456789abcdef" } });
    assert.equal(notMine.status, 403);
    assert.equal(none.status, 403);
    assert.equal(notMine.json.message.replace(bobs.json.token.token_id, "<id>"), none.json.message.replace("0123456789abcdef", "<id>"));
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: bobs.json.secret } })).status, 200, "bob's token still works");
    assert.equal((await s.call("POST", `${CAIRN}/tokens/revoke`, { as: root, body: { token_id: "0123456789abcdef" } })).status, 404);
    assert.equal((await s.call("POST", `${CAIRN}/tokens/revoke`, { as: root, body: { token_id: bobs.json.token.token_id } })).status, 200);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: bobs.json.secret } })).status, 401);

    for (const body of [{ name: "" }, { name: "x", expires_in_days: 0 }, { name: "x", expires_in_days: 5000 }, { name: "x", username: "ghost" }]) {
      const r = await s.call("POST", `${CAIRN}/tokens/create`, { as: root, body });
      assert.ok(r.status === 400 || r.status === 404, `${JSON.stringify(body)}: ${r.status}`);
    }
  });

  it("grants, lists and removes permissions with MANAGE on the resource", async () => {
    const exp = await s.call("POST", `${MLFLOW}/experiments/create`, { as: alice, body: { name: "alices" } });
    const id = exp.json.experiment_id as string;
    const grant = { resource_type: "experiment", resource_id: id, principal_type: "user", principal: "bob", level: "EDIT" };
    assert.equal((await s.call("POST", `${CAIRN}/permissions/set`, { as: bob, body: { ...grant, level: "MANAGE" } })).status, 403, "bob cannot grant himself");
    const set = await s.call("POST", `${CAIRN}/permissions/set`, { as: alice, body: grant });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual([set.json.permission.level, set.json.permission.granted_by], ["EDIT", "alice"]);
    const listed = await s.call("GET", `${CAIRN}/permissions/list?resource_type=experiment&resource_id=${id}`, { as: bob });
    assert.deepEqual(listed.json.permissions.map((p: { principal: string; level: string }) => [p.principal, p.level]), [["alice", "MANAGE"], ["bob", "EDIT"]]);
    assert.equal((await s.call("POST", `${CAIRN}/permissions/set`, { as: bob, body: grant })).status, 403, "EDIT is not MANAGE");
    assert.deepEqual((await s.call("GET", `${CAIRN}/permissions/list?principal_type=user&principal=bob`, { as: bob })).json.permissions.length, 1);
    assert.equal((await s.call("GET", `${CAIRN}/permissions/list?principal_type=user&principal=alice`, { as: bob })).status, 403);
    assert.equal((await s.call("GET", `${CAIRN}/permissions/list?principal_type=user&principal=alice`, { as: root })).status, 200);

    for (const [body, pattern] of [
      [{ ...grant, level: "OWNER" }, /Invalid level/],
      [{ ...grant, resource_type: "run" }, /Invalid resource_type/],
      [{ ...grant, principal_type: "team" }, /Invalid principal_type/],
      [{ ...grant, resource_id: "abc" }, /numeric id/],
    ] as const) {
      const r = await s.call("POST", `${CAIRN}/permissions/set`, { as: root, body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.match(r.json.message, pattern);
    }
    assert.equal((await s.call("POST", `${CAIRN}/permissions/set`, { as: root, body: { ...grant, resource_id: "424242" } })).status, 404, "no grants on what does not exist");
    assert.equal((await s.call("POST", `${CAIRN}/permissions/set`, { as: root, body: { ...grant, principal: "ghost" } })).status, 404);
    assert.equal((await s.call("GET", `${CAIRN}/permissions/list`, { as: root })).status, 400);
    assert.equal((await s.call("GET", `${CAIRN}/permissions/list?resource_type=experiment&resource_id=${id}&principal_type=user&principal=bob`, { as: root })).status, 400);

    assert.equal((await s.call("POST", `${CAIRN}/permissions/delete`, { as: bob, body: { resource_type: "experiment", resource_id: id, principal_type: "user", principal: "bob" } })).status, 403);
    assert.equal((await s.call("POST", `${CAIRN}/permissions/delete`, { as: alice, body: { resource_type: "experiment", resource_id: id, principal_type: "user", principal: "bob" } })).status, 200);
    assert.equal((await s.call("GET", `${CAIRN}/permissions/list?resource_type=experiment&resource_id=${id}`, { as: bob })).status, 403, "bob lost READ with the grant");
  });
});
