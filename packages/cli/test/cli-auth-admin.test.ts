import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { PassThrough, Readable } from "node:stream";
import type { ApiToken, PermissionGrant, User, UserGroup } from "@cairn/core";
import { createClient } from "@cairn/sdk";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { cairn, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startAuthServer, type AuthServer } from "./helpers/auth-server.js";

const piped = (text: string) => Readable.from([text]);

/** A terminal typing the given keystrokes. */
function terminal(...keys: string[]): NodeJS.ReadableStream {
  const stream = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  for (const key of keys) stream.write(key);
  return stream;
}

describe("cairn users, groups, tokens and permissions", () => {
  let server: AuthServer;
  let adminToken: string;
  let bobToken: string;
  /** Runs cairn as whoever holds token (the admin by default), with stdin when given. */
  const as = (token: string, argv: string[], stdin?: NodeJS.ReadableStream): Promise<CliResult> =>
    cairn(argv, { CAIRN_TRACKING_URI: server.url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "0", CAIRN_CONFIG_DIR: server.configDir, CAIRN_TRACKING_TOKEN: token }, stdin ? { stdin: stdin as never } : {});
  const admin = (...argv: string[]) => as(adminToken, argv);
  const bob = (...argv: string[]) => as(bobToken, argv);
  const json = <T>(result: CliResult): T => {
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as T;
  };

  before(async () => {
    server = await startAuthServer();
    // The admin's first token, made with Basic credentials.
    const first = await cairn(["tokens", "create", "--name", "admin-cli"], {
      CAIRN_TRACKING_URI: server.url,
      CAIRN_HTTP_REQUEST_MAX_RETRIES: "0",
      CAIRN_CONFIG_DIR: server.configDir,
      MLFLOW_TRACKING_USERNAME: server.admin.username,
      MLFLOW_TRACKING_PASSWORD: server.admin.password,
    });
    assert.equal(first.code, 0, first.stderr);
    adminToken = first.stdout.trim();
  });
  after(() => server.close());

  describe("users", () => {
    it("create reads the password from stdin; list shows a table and JSON", async () => {
      const created = await as(adminToken, ["users", "create", "bob", "--password-stdin"], piped("bob-password-1\n"));
      assert.equal(created.code, 0, created.stderr);
      assert.equal(created.stdout, "Created user bob.\n");
      const alice = await as(adminToken, ["users", "create", "alice", "--admin", "--password-stdin"], piped("alice-password-1\r\n"));
      assert.equal(alice.stdout, "Created user alice (admin).\n");
      const rows = tableRows((await admin("users", "list")).stdout);
      assert.deepEqual(rows[0], ["USERNAME", "ADMIN", "STATUS", "GROUPS", "CREATED"]);
      assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 4)), [
        ["admin", "yes", "active", "-"],
        ["alice", "yes", "active", "-"],
        ["bob", "no", "active", "-"],
      ]);
      const users = json<User[]>(await admin("users", "list", "--json"));
      assert.deepEqual(users.map((u) => u.username), ["admin", "alice", "bob"]);
      assert.ok(users.every((u) => !("password_hash" in u)));
      // A password that was piped in with a Windows line end signs in without the \r.
      const signIn = await cairn(["whoami"], { CAIRN_TRACKING_URI: server.url, CAIRN_CONFIG_DIR: server.configDir, MLFLOW_TRACKING_USERNAME: "alice", MLFLOW_TRACKING_PASSWORD: "alice-password-1" });
      assert.match(signIn.stdout, /^alice \(admin\) on /);
      bobToken = (await as(adminToken, ["tokens", "create", "--name", "bob-cli", "--user", "bob"])).stdout.trim();
      assert.match(bobToken, /^cairn_/);
    });

    it("create from a terminal asks twice without echo; a mismatch creates nobody", async () => {
      let stderr = "";
      const ok = await cairn(["users", "create", "carol"], { CAIRN_TRACKING_URI: server.url, CAIRN_CONFIG_DIR: server.configDir, CAIRN_TRACKING_TOKEN: adminToken }, {
        stdin: terminal("carol-pass-1\r", "carol-pass-1\r") as never,
        stderr: { write: (s: string) => (stderr += s) },
      });
      assert.equal(ok.code, 0, stderr);
      assert.equal(stderr, "Password: \nRepeat password: \n");
      const mismatch = await as(adminToken, ["users", "create", "dave"], terminal("dave-pass-1\r", "dave-pass-2\r"));
      assert.equal(mismatch.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
      assert.match(mismatch.stderr, /The passwords did not match: nothing was changed/);
      assert.ok(!json<User[]>(await admin("users", "list", "--json")).some((u) => u.username === "dave"));
    });

    it("create's bad inputs: a pipe without --password-stdin, empty stdin, a short password, a duplicate, a non-admin", async () => {
      const noFlag = await as(adminToken, ["users", "create", "erin"], piped("erin-password\n"));
      assert.equal(noFlag.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
      assert.ok(noFlag.stderr.includes('pipe it in with --password-stdin, e.g. echo "$PASSWORD" | cairn users create erin --password-stdin'), noFlag.stderr);
      const empty = await as(adminToken, ["users", "create", "erin", "--password-stdin"], piped(""));
      assert.equal(empty.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
      const short = await as(adminToken, ["users", "create", "erin", "--password-stdin"], piped("short\n"));
      assert.equal(short.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
      assert.match(short.stderr, /too short/);
      const duplicate = await as(adminToken, ["users", "create", "bob", "--password-stdin"], piped("another-password\n"));
      assert.equal(duplicate.code, EXIT_CODES.RESOURCE_ALREADY_EXISTS);
      const notAdmin = await as(bobToken, ["users", "create", "erin", "--password-stdin"], piped("erin-password\n"));
      assert.equal(notAdmin.code, EXIT_CODES.PERMISSION_DENIED);
      assert.match(notAdmin.stderr, /Only administrators/);
      assert.ok(!json<User[]>(await admin("users", "list", "--json")).some((u) => u.username === "erin"));
    });

    it("disable refuses the user's tokens at once; enable lets them back in", async () => {
      assert.equal((await bob("whoami")).code, 0);
      const disabled = await admin("users", "disable", "bob");
      assert.equal(disabled.stdout, "Disabled user 'bob': they can no longer sign in, and their tokens are refused.\n");
      assert.equal(tableRows((await admin("users", "list")).stdout).find((r) => r[0] === "bob")![2], "disabled");
      const refused = await bob("whoami");
      assert.equal(refused.code, EXIT_CODES.UNAUTHENTICATED);
      assert.match(refused.stderr, /disabled/);
      assert.equal((await admin("users", "enable", "bob")).stdout, "Enabled user 'bob'.\n");
      assert.equal((await bob("whoami")).code, 0);
      assert.equal((await admin("users", "disable", "nobody")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    });

    it("update --admin / --no-admin changes who is an administrator", async () => {
      assert.equal((await admin("users", "update", "carol", "--admin")).stdout, "Updated user carol (admin).\n");
      assert.equal((await admin("users", "update", "carol", "--no-admin")).stdout, "Updated user carol.\n");
      assert.equal((await admin("users", "update", "carol")).code, EXIT_USAGE);
    });

    it("passwd: an admin sets anyone's; a user changes their own with the current password; not someone else's", async () => {
      const set = await as(adminToken, ["users", "passwd", "bob", "--password-stdin"], piped("bob-password-2\n"));
      assert.equal(set.code, 0, set.stderr);
      assert.equal(set.stdout, "Changed the password of 'bob'.\n");
      const basic = (password: string) => cairn(["whoami"], { CAIRN_TRACKING_URI: server.url, CAIRN_CONFIG_DIR: server.configDir, MLFLOW_TRACKING_USERNAME: "bob", MLFLOW_TRACKING_PASSWORD: password });
      assert.equal((await basic("bob-password-2")).code, 0);
      const own = await as(bobToken, ["users", "passwd", "bob", "--password-stdin"], piped("bob-password-2\nbob-password-3\n"));
      assert.equal(own.code, 0, own.stderr);
      assert.equal((await basic("bob-password-3")).code, 0);
      const oneLine = await as(bobToken, ["users", "passwd", "bob", "--password-stdin"], piped("bob-password-4\n"));
      assert.equal(oneLine.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
      assert.match(oneLine.stderr, /Expected your current password and the new one on stdin, one per line/);
      const wrongCurrent = await as(bobToken, ["users", "passwd", "bob", "--password-stdin"], piped("not-it-at-all\nbob-password-5\n"));
      assert.equal(wrongCurrent.code, EXIT_CODES.PERMISSION_DENIED);
      assert.match(wrongCurrent.stderr, /current_password is wrong/);
      const other = await as(bobToken, ["users", "passwd", "alice", "--password-stdin"], piped("x\ny\n"));
      assert.equal(other.code, EXIT_CODES.PERMISSION_DENIED);
      assert.match(other.stderr, /Only an admin can change the password of 'alice'; you are signed in as 'bob'/);
      assert.equal((await basic("bob-password-3")).code, 0, "unchanged by the refused attempts");
    });
  });

  describe("groups", () => {
    it("create, add, remove, list as table and JSON, delete", async () => {
      assert.equal((await admin("groups", "create", "ml-team", "--description", "model owners")).stdout, "Created group 'ml-team'.\n");
      assert.equal((await admin("groups", "create", "ops")).code, 0);
      assert.equal((await admin("groups", "add", "ml-team", "bob")).stdout, "Added 'bob' to group 'ml-team' (members: bob).\n");
      assert.equal((await admin("groups", "add", "ml-team", "alice")).stdout, "Added 'alice' to group 'ml-team' (members: alice, bob).\n");
      const rows = tableRows((await admin("groups", "list")).stdout);
      assert.deepEqual(rows[0], ["NAME", "MEMBERS", "DESCRIPTION", "CREATED"]);
      assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 3)), [
        ["ml-team", "alice,bob", "model owners"],
        ["ops", "-", "-"],
      ]);
      assert.match((await bob("whoami")).stdout, /^bob on .* \(groups: ml-team\)/);
      assert.equal((await admin("groups", "remove", "ml-team", "alice")).stdout, "Removed 'alice' from group 'ml-team' (members: bob).\n");
      const groups = json<UserGroup[]>(await admin("groups", "list", "--json"));
      assert.deepEqual(groups.map((g) => [g.name, g.members]), [["ml-team", ["bob"]], ["ops", []]]);
      assert.equal((await admin("groups", "delete", "ops")).stdout, "Deleted group 'ops'.\n");
      assert.deepEqual(json<UserGroup[]>(await admin("groups", "list", "--json")).map((g) => g.name), ["ml-team"]);
    });

    it("bad inputs: unknown group or user, duplicate, missing argument, a non-admin", async () => {
      assert.equal((await admin("groups", "add", "nope", "bob")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
      assert.equal((await admin("groups", "add", "ml-team", "nobody")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
      assert.equal((await admin("groups", "delete", "nope")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
      assert.equal((await admin("groups", "create", "ml-team")).code, EXIT_CODES.RESOURCE_ALREADY_EXISTS);
      assert.equal((await admin("groups", "add", "ml-team")).code, EXIT_USAGE);
      assert.equal((await bob("groups", "create", "mine")).code, EXIT_CODES.PERMISSION_DENIED);
      assert.deepEqual(json<UserGroup[]>(await admin("groups", "list", "--json")).map((g) => g.name), ["ml-team"]);
    });
  });

  describe("tokens", () => {
    it("create prints the secret alone on stdout and the warning on stderr; --json gives both", async () => {
      const created = await bob("tokens", "create", "--name", "nightly", "--read-only", "--expires", "30d");
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /^cairn_[A-Za-z0-9-]+_[A-Za-z0-9_-]{43}\n$/);
      assert.match(created.stderr, /^Created token 'nightly' \(\S+\) for bob: read-only, expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\n/);
      assert.match(created.stderr, /This secret is shown only now and cannot be shown again/);
      const never = await bob("tokens", "create", "--name", "forever");
      assert.match(never.stderr, /for bob: read-write, never expires\./);
      const asJson = json<{ token: ApiToken; secret: string }>(await admin("tokens", "create", "--name", "for-alice", "--user", "alice", "--json"));
      assert.equal(asJson.token.username, "alice");
      assert.ok(asJson.secret.startsWith(`cairn_${asJson.token.token_id}_`));
    });

    it("list shows your own tokens (an admin anyone's) as a table and JSON, never a secret", async () => {
      const mine = json<ApiToken[]>(await bob("tokens", "list", "--json"));
      assert.deepEqual(mine.map((t) => t.name).sort(), ["bob-cli", "forever", "nightly"]);
      assert.ok(mine.every((t) => t.username === "bob" && !("secret" in t)));
      const rows = tableRows((await bob("tokens", "list")).stdout);
      assert.deepEqual(rows[0], ["TOKEN ID", "NAME", "USER", "ACCESS", "STATUS", "EXPIRES", "LAST USED", "CREATED"]);
      const nightly = rows.find((r) => r[1] === "nightly")!;
      assert.deepEqual(nightly.slice(2, 5), ["bob", "read-only", "active"]);
      assert.equal(rows.find((r) => r[1] === "forever")![5], "never");
      assert.deepEqual(json<ApiToken[]>(await admin("tokens", "list", "--user", "alice", "--json")).map((t) => t.name), ["for-alice"]);
      const others = await bob("tokens", "list", "--user", "alice");
      assert.equal(others.code, EXIT_CODES.PERMISSION_DENIED);
      assert.equal((await bob("tokens", "create", "--name", "x", "--user", "alice")).code, EXIT_CODES.PERMISSION_DENIED);
    });

    it("a read-only token reads but is refused on a write with exit 21 and a clear message", async () => {
      const secret = (await admin("tokens", "create", "--name", "viewer", "--read-only")).stdout.trim();
      const reader = (...argv: string[]) => as(secret, argv);
      assert.equal((await reader("experiments", "list")).code, 0);
      const write = await reader("experiments", "create", "blocked");
      assert.equal(write.code, EXIT_CODES.PERMISSION_DENIED);
      assert.match(write.stderr, /^error: This token is read-only: it may only call endpoints that read/);
      // Nor may it mint itself a read-write token.
      assert.equal((await reader("tokens", "create", "--name", "escape")).code, EXIT_CODES.PERMISSION_DENIED);
      assert.ok(!json<{ name: string }[]>(await admin("experiments", "list", "--json")).some((e) => e.name === "blocked"));
    });

    it("revoke stops a token at once; bad inputs are refused", async () => {
      const { token, secret } = json<{ token: ApiToken; secret: string }>(await bob("tokens", "create", "--name", "short-lived", "--json"));
      assert.equal((await as(secret, ["whoami"])).code, 0);
      assert.equal((await bob("tokens", "revoke", token.token_id)).stdout, `Revoked token ${token.token_id}.\n`);
      const refused = await as(secret, ["whoami"]);
      assert.equal(refused.code, EXIT_CODES.UNAUTHENTICATED);
      assert.match(refused.stderr, /The token has been revoked/);
      assert.equal(tableRows((await bob("tokens", "list")).stdout).find((r) => r[1] === "short-lived")![4], "revoked");
      const aliceToken = json<ApiToken[]>(await admin("tokens", "list", "--user", "alice", "--json"))[0]!;
      assert.equal((await bob("tokens", "revoke", aliceToken.token_id)).code, EXIT_CODES.PERMISSION_DENIED);
      assert.equal((await admin("tokens", "revoke", "no-such-token")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
      assert.equal((await bob("tokens", "create")).code, EXIT_USAGE);
      assert.equal((await bob("tokens", "create", "--name", "x", "--expires", "36h")).code, EXIT_USAGE);
      assert.equal((await bob("tokens", "create", "--name", " ")).code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    });
  });

  describe("permissions", () => {
    let experimentId: string;
    before(async () => {
      const created = await admin("experiments", "create", "churn-training");
      assert.equal(created.code, 0, created.stderr);
      experimentId = json<{ experiment_id: string; name: string }[]>(await admin("experiments", "list", "--json")).find((e) => e.name === "churn-training")!.experiment_id;
      await createClient({ trackingUri: server.url, token: adminToken, maxRetries: 0 }).registry.createRegisteredModel({ name: "churn" });
    });

    it("grant to a user and a group, list as table and JSON, revoke", async () => {
      assert.equal((await admin("permissions", "grant", "models:/churn", "--user", "bob", "--level", "edit")).stdout, "Granted EDIT on models:/churn to user 'bob'.\n");
      assert.equal((await admin("permissions", "grant", "models:/churn", "--group", "ml-team", "--level", "READ")).stdout, "Granted READ on models:/churn to group 'ml-team'.\n");
      const rows = tableRows((await admin("permissions", "list", "models:/churn")).stdout);
      assert.deepEqual(rows[0], ["TYPE", "PRINCIPAL", "LEVEL", "GRANTED BY", "CREATED"]);
      const cells = rows.slice(1).map((r) => r.slice(0, 4));
      // The creator (admin) holds MANAGE on what they created.
      assert.deepEqual(cells.sort(), [["group", "ml-team", "READ", "admin"], ["user", "admin", "MANAGE", "admin"], ["user", "bob", "EDIT", "admin"]]);
      const grants = json<PermissionGrant[]>(await bob("permissions", "list", "models:/churn", "--json"));
      assert.deepEqual(grants.map((g) => [g.resource_type, g.resource_id, g.principal_type, g.principal, g.level]).sort(), [
        ["registered_model", "churn", "group", "ml-team", "READ"],
        ["registered_model", "churn", "user", "admin", "MANAGE"],
        ["registered_model", "churn", "user", "bob", "EDIT"],
      ]);
      const byUser = tableRows((await admin("permissions", "list", "--user", "bob")).stdout);
      assert.deepEqual(byUser[0], ["RESOURCE", "LEVEL", "GRANTED BY", "CREATED"]);
      assert.deepEqual(byUser[1]!.slice(0, 2), ["models:/churn", "EDIT"]);
      assert.equal((await admin("permissions", "revoke", "models:/churn", "--user", "bob")).stdout, "Revoked the grant of user 'bob' on models:/churn.\n");
      assert.deepEqual(json<PermissionGrant[]>(await admin("permissions", "list", "models:/churn", "--json")).map((g) => g.principal).sort(), ["admin", "ml-team"]);
      assert.equal((await admin("permissions", "revoke", "models:/churn", "--user", "bob")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    });

    it("an experiment by name with --experiment, or by id as experiments:/<id>", async () => {
      const byName = await admin("permissions", "grant", "--experiment", "churn-training", "--user", "bob", "--level", "MANAGE");
      assert.equal(byName.stdout, `Granted MANAGE on experiments:/${experimentId} to user 'bob'.\n`, byName.stderr);
      const byId = json<PermissionGrant[]>(await admin("permissions", "list", `experiments:/${experimentId}`, "--json"));
      assert.deepEqual(byId.map((g) => [g.principal, g.level]).sort(), [["admin", "MANAGE"], ["bob", "MANAGE"]]);
      // With MANAGE bob may grant on it himself.
      assert.equal((await bob("permissions", "grant", `experiments:/${experimentId}`, "--user", "alice", "--level", "USE")).code, 0);
      assert.equal((await admin("permissions", "list", "--experiment", "no-such-experiment")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    });

    it("someone without MANAGE is refused, and nothing is granted", async () => {
      const refused = await bob("permissions", "grant", "models:/churn", "--user", "bob", "--level", "MANAGE");
      assert.equal(refused.code, EXIT_CODES.PERMISSION_DENIED);
      assert.match(refused.stderr, /MANAGE/);
      assert.ok(!json<PermissionGrant[]>(await admin("permissions", "list", "models:/churn", "--json")).some((g) => g.principal === "bob"));
    });

    it("bad inputs are usage errors naming what is expected", async () => {
      const cases: [string[], RegExp][] = [
        [["grant", "churn", "--user", "bob", "--level", "READ"], /expected experiments:\/<id or name>, models:\/<name>, deployments:\/<name> or monitors:\/<name>, got 'churn'/],
        [["grant", "runs:/abc", "--user", "bob", "--level", "READ"], /expected experiments:\/<id or name>/],
        [["grant", "models:/churn/7", "--user", "bob", "--level", "READ"], /not a version or alias: use models:\/churn\./],
        [["grant", "models:/churn@champion", "--user", "bob", "--level", "READ"], /use models:\/churn\./],
        [["grant", "models:/churn", "--user", "bob", "--level", "OWNER"], /expected one of NO_PERMISSIONS, READ, USE, EDIT, MANAGE, got 'OWNER'/],
        [["grant", "models:/churn", "--user", "bob"], /required option '--level <level>' not specified/],
        [["grant", "models:/churn", "--user", "bob", "--group", "ml-team", "--level", "READ"], /--user <name> or --group <name> \(exactly one\)/],
        [["grant", "models:/churn", "--level", "READ"], /--user <name> or --group <name> \(exactly one\)/],
        [["grant", "models:/churn", "--experiment", "churn-training", "--user", "bob", "--level", "READ"], /or give --experiment <id-or-name> \(exactly one\)/],
        [["list"], /or give --experiment <id-or-name> \(exactly one\)/],
        [["list", "models:/churn", "--user", "bob"], /not both/],
      ];
      for (const [argv, message] of cases) {
        const result = await admin("permissions", ...argv);
        assert.equal(result.code, EXIT_USAGE, argv.join(" "));
        assert.match(result.stderr, message, argv.join(" "));
      }
      assert.equal((await admin("permissions", "grant", "models:/nope", "--user", "bob", "--level", "READ")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
      assert.equal((await admin("permissions", "grant", "models:/churn", "--user", "nobody", "--level", "READ")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    });
  });
});
