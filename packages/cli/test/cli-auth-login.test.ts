import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { ApiToken } from "@cairn/core";
import { EXIT_CODES } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairn, type CliResult } from "./helpers/cli-harness.js";
import { startAuthServer, type AuthServer } from "./helpers/auth-server.js";

/** Piped stdin holding text (not a terminal). */
const piped = (text: string) => Readable.from([text]);

/** A terminal that will type the given keystrokes; records raw-mode switches. */
function terminal(...keys: string[]): PassThrough & { isTTY: true; rawModes: boolean[]; setRawMode(raw: boolean): unknown } {
  const stream = new PassThrough() as PassThrough & { isTTY: true; rawModes: boolean[]; setRawMode(raw: boolean): unknown };
  stream.isTTY = true;
  stream.rawModes = [];
  stream.setRawMode = (raw: boolean) => stream.rawModes.push(raw);
  for (const key of keys) stream.write(key);
  return stream;
}

const HINT = "hint: sign in with `cairn login` or set CAIRN_TRACKING_TOKEN.";

describe("cairn login, logout and whoami", () => {
  let server: AuthServer;
  let env: Record<string, string>;
  const credentialsFile = () => join(server.configDir, "credentials.json");
  const stored = () => JSON.parse(readFileSync(credentialsFile(), "utf8")) as { servers: Record<string, { token: string; token_id: string; username: string; name: string }> };
  const run = (argv: string[], extraEnv: Record<string, string> = {}, stdin?: NodeJS.ReadableStream): Promise<CliResult> =>
    cairn(argv, { ...env, ...extraEnv }, stdin ? { stdin: stdin as never } : {});
  const login = (...extra: string[]) => run(["login", "--username", server.admin.username, "--password-stdin", ...extra], {}, piped(`${server.admin.password}\n`));

  before(async () => {
    server = await startAuthServer();
    env = { CAIRN_TRACKING_URI: server.url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "0", CAIRN_CONFIG_DIR: server.configDir };
  });
  after(() => server.close());

  it("without credentials a command is refused with exit 20 and the sign-in hint", async () => {
    const refused = await run(["experiments", "list"]);
    assert.equal(refused.code, EXIT_CODES.UNAUTHENTICATED, refused.stderr);
    assert.match(refused.stderr, /^error: Authentication required\./);
    assert.ok(refused.stderr.includes(HINT), refused.stderr);
  });

  it("login stores a token in a 0600 file in a 0700 directory, and later commands use it", async () => {
    const result = await login("--name", "laptop", "--expires", "30d");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^Signed in to ${server.url} as admin \\(admin\\)\\.\\nToken 'laptop' \\(\\S+\\) expires \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d; stored in ${credentialsFile()}\\.\\n$`));
    assert.equal(statSync(credentialsFile()).mode & 0o777, 0o600);
    assert.equal(statSync(server.configDir).mode & 0o777, 0o700);
    const entry = stored().servers[server.url]!;
    assert.match(entry.token, /^cairn_[A-Za-z0-9-]+_[A-Za-z0-9_-]{43}$/);
    assert.equal(entry.username, "admin");
    assert.equal(entry.name, "laptop");
    // The password itself is never written down.
    assert.ok(!readFileSync(credentialsFile(), "utf8").includes(server.admin.password));

    const listed = await run(["experiments", "list"]);
    assert.equal(listed.code, 0, listed.stderr);
    const whoami = await run(["whoami"]);
    assert.equal(whoami.stdout, `admin (admin) on ${server.url} (no groups), signed in with the token 'laptop' stored by \`cairn login\`.\n`);
    const json = JSON.parse((await run(["whoami", "--json"])).stdout) as { auth_enabled: boolean; user: { username: string } };
    assert.equal(json.auth_enabled, true);
    assert.equal(json.user.username, "admin");
    const tokens = JSON.parse((await run(["tokens", "list", "--json"])).stdout) as ApiToken[];
    const token = tokens.find((t) => t.token_id === entry.token_id)!;
    assert.equal(token.name, "laptop");
    assert.equal(token.read_only, false);
    // 30 days from creation, as asked (the server reads its clock for each separately, so not to the millisecond).
    assert.ok(Math.abs(token.expires_at! - token.creation_timestamp - 30 * 86_400_000) < 60_000, String(token.expires_at! - token.creation_timestamp));
  });

  it("a second login replaces the stored token and revokes the old one; the URI's trailing slash names the same entry", async () => {
    const before = stored().servers[server.url]!;
    const again = await cairn(["--tracking-uri", `${server.url}/`, "login", "--username", "admin", "--password-stdin", "--name", "laptop2"], env, { stdin: piped(server.admin.password) as never });
    assert.equal(again.code, 0, again.stderr);
    const after = stored().servers[server.url]!;
    assert.notEqual(after.token_id, before.token_id);
    assert.equal(Object.keys(stored().servers).length, 1);
    const tokens = JSON.parse((await run(["tokens", "list", "--json"])).stdout) as ApiToken[];
    assert.ok(tokens.find((t) => t.token_id === before.token_id)!.revoked_at !== undefined, "old token revoked");
    assert.equal(tokens.find((t) => t.token_id === after.token_id)!.revoked_at, undefined);
    // The old secret no longer works.
    const old = await run(["experiments", "list"], { CAIRN_TRACKING_TOKEN: before.token });
    assert.equal(old.code, EXIT_CODES.UNAUTHENTICATED);
    assert.match(old.stderr, /The token has been revoked\./);
  });

  it("the environment's token wins over the stored one; the stored one over MLflow's username and password", async () => {
    await run(["users", "create", "bob", "--password-stdin"], {}, piped("bob-password-1\n"));
    const bobToken = (await run(["tokens", "create", "--name", "bob-ci", "--user", "bob"])).stdout.trim();
    assert.match(bobToken, /^cairn_/);
    const viaCairn = await run(["whoami"], { CAIRN_TRACKING_TOKEN: bobToken, MLFLOW_TRACKING_TOKEN: "cairn_nope_x" });
    assert.match(viaCairn.stdout, /^bob on .* signed in with CAIRN_TRACKING_TOKEN\.\n$/);
    const viaMlflow = await run(["whoami"], { MLFLOW_TRACKING_TOKEN: bobToken });
    assert.match(viaMlflow.stdout, /^bob on .* signed in with MLFLOW_TRACKING_TOKEN\.\n$/);
    const storedWins = await run(["whoami"], { MLFLOW_TRACKING_USERNAME: "bob", MLFLOW_TRACKING_PASSWORD: "bob-password-1" });
    assert.match(storedWins.stdout, /^admin \(admin\) on .* stored by `cairn login`\.\n$/);
    // Elsewhere (no stored token for this config dir), the username and password are used.
    const basic = await run(["whoami"], { CAIRN_CONFIG_DIR: join(server.configDir, "empty"), MLFLOW_TRACKING_USERNAME: "bob", MLFLOW_TRACKING_PASSWORD: "bob-password-1" });
    assert.match(basic.stdout, /^bob on .* signed in with MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD\.\n$/);
    const wrong = await run(["whoami"], { CAIRN_CONFIG_DIR: join(server.configDir, "empty"), MLFLOW_TRACKING_USERNAME: "bob", MLFLOW_TRACKING_PASSWORD: "wrong" });
    assert.equal(wrong.code, EXIT_CODES.UNAUTHENTICATED);
    assert.ok(wrong.stderr.includes(HINT));
    const half = await run(["whoami"], { CAIRN_CONFIG_DIR: join(server.configDir, "empty"), MLFLOW_TRACKING_USERNAME: "bob" });
    assert.equal(half.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(half.stderr, /MLFLOW_TRACKING_PASSWORD is not set while MLFLOW_TRACKING_USERNAME is/);
  });

  it("login refuses a wrong password, stores nothing, and says why", async () => {
    const dir = join(server.configDir, "wrong");
    const wrong = await cairn(["login", "--username", "admin", "--password-stdin"], { ...env, CAIRN_CONFIG_DIR: dir }, { stdin: piped("nope\n") as never });
    assert.equal(wrong.code, EXIT_CODES.UNAUTHENTICATED);
    assert.match(wrong.stderr, /Wrong username or password/);
    assert.throws(() => statSync(join(dir, "credentials.json")), /ENOENT/);
  });

  it("login's bad inputs: no terminal without --password-stdin, empty stdin, --password-stdin without a username, bad --expires", async () => {
    const noTty = await run(["login", "--username", "admin"], {}, piped("admin-password-1\n"));
    assert.equal(noTty.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(noTty.stderr, /stdin is not a terminal, so the password cannot be prompted for: pipe it in with --password-stdin/);
    const empty = await run(["login", "--username", "admin", "--password-stdin"], {}, piped(""));
    assert.equal(empty.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(empty.stderr, /Expected the password on stdin, but got nothing/);
    const blankLine = await run(["login", "--username", "admin", "--password-stdin"], {}, piped("\n"));
    assert.match(blankLine.stderr, /but got an empty line/);
    const noUser = await run(["login", "--password-stdin"], {}, piped("x\n"));
    assert.equal(noUser.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(noUser.stderr, /say who to sign in as with --username/);
    for (const bad of ["90", "-1d", "soon"]) {
      const result = await run(["login", "--username", "admin", "--password-stdin", "--expires", bad], {}, piped("x\n"));
      assert.equal(result.code, 2, bad);
      assert.match(result.stderr, /expected a duration such as 30m, 1h, 1d/);
    }
    const partDay = await run(["login", "--username", "admin", "--password-stdin", "--expires", "12h"], {}, piped("x\n"));
    assert.equal(partDay.code, 2);
    assert.match(partDay.stderr, /tokens expire in whole days: give e.g. 30d, 2w or 48h, or never; got '12h'/);
    const tooLong = await login("--expires", "5000d", "--name", "too-long");
    assert.equal(tooLong.code, EXIT_CODES.INVALID_PARAMETER_VALUE, tooLong.stderr);
  });

  it("login prompts on a terminal: the username echoed, the password not", async () => {
    const dir = join(server.configDir, "tty");
    // A typo erased with backspace; several keystrokes may arrive in one chunk.
    const typed = terminal("adm", "in\r", "admin-passs\u007fword-1\r");
    let stderr = "";
    const result = await cairn(["login"], { ...env, CAIRN_CONFIG_DIR: dir }, { stdin: typed as never, stderr: { write: (s: string) => (stderr += s) } });
    assert.equal(result.code, 0, stderr);
    assert.equal(stderr, "Username: admin\nPassword: \n");
    assert.deepEqual(typed.rawModes, [true, false]);
    assert.equal(statSync(join(dir, "credentials.json")).mode & 0o777, 0o600);
    const cancelled = await cairn(["login", "--username", "admin"], { ...env, CAIRN_CONFIG_DIR: dir }, { stdin: terminal("adm\u0003") as never });
    assert.equal(cancelled.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(cancelled.stderr, /Cancelled: nothing was changed/);
    const closed = terminal("adm");
    closed.end();
    const ended = await cairn(["login", "--username", "admin"], { ...env, CAIRN_CONFIG_DIR: dir }, { stdin: closed as never });
    assert.equal(ended.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(ended.stderr, /stdin closed before an answer was given/);
  });

  it("logout revokes the stored token and forgets it; a second logout has nothing to do", async () => {
    const entry = stored().servers[server.url]!;
    const out = await run(["logout"]);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, `Signed out of ${server.url}: revoked token 'laptop2' and removed it.\n`);
    assert.deepEqual(stored().servers, {});
    assert.equal(statSync(credentialsFile()).mode & 0o777, 0o600);
    const revoked = await run(["whoami"], { CAIRN_TRACKING_TOKEN: entry.token });
    assert.equal(revoked.code, EXIT_CODES.UNAUTHENTICATED);
    const nothing = await run(["logout"]);
    assert.equal(nothing.code, 0);
    assert.equal(nothing.stdout, `Not signed in to ${server.url}: no stored token.\n`);
    const afterwards = await run(["whoami"]);
    assert.equal(afterwards.code, EXIT_CODES.UNAUTHENTICATED);
    assert.ok(afterwards.stderr.includes(HINT));
  });

  it("logout of a token revoked elsewhere still forgets it", async () => {
    assert.equal((await login("--name", "doomed")).code, 0);
    const entry = stored().servers[server.url]!;
    const other = (await run(["tokens", "create", "--name", "other"])).stdout.trim();
    // Revoked from another machine (another config dir), so the stored entry stays.
    const elsewhere = await run(["tokens", "revoke", entry.token_id], { CAIRN_TRACKING_TOKEN: other, CAIRN_CONFIG_DIR: join(server.configDir, "elsewhere") });
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
    assert.equal(stored().servers[server.url]!.token_id, entry.token_id);
    const out = await run(["logout"]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /the stored token no longer worked \(expired or revoked\); removed it\./);
    assert.deepEqual(stored().servers, {});
  });

  it("revoking the stored token with `cairn tokens revoke` also forgets it locally", async () => {
    assert.equal((await login("--name", "short")).code, 0);
    const entry = stored().servers[server.url]!;
    const revoked = await run(["tokens", "revoke", entry.token_id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(revoked.stdout, `Revoked token ${entry.token_id}.\nIt was the token \`cairn login\` stored for this server; sign in again with \`cairn login\`.\n`);
    assert.deepEqual(stored().servers, {});
  });

  it("a damaged credentials file is an error naming the file, not a silent sign-out", async () => {
    const dir = join(server.configDir, "damaged");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "credentials.json"), "{not json");
    const result = await run(["experiments", "list"], { CAIRN_CONFIG_DIR: dir });
    assert.equal(result.code, EXIT_CODES.INVALID_STATE);
    assert.ok(result.stderr.includes(`The credentials file ${join(dir, "credentials.json")} is not valid JSON`), result.stderr);
  });
});

describe("cairn login against a server without authentication", () => {
  let server: EphemeralServer;
  before(async () => (server = await startEphemeralServer()));
  after(() => server.close());

  it("says there is nothing to sign in to, and whoami says auth is off", async () => {
    const env = { CAIRN_TRACKING_URI: server.url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "0", CAIRN_CONFIG_DIR: join(server.dataDir, "config") };
    const result = await cairn(["login", "--username", "x", "--password-stdin"], env, { stdin: piped("y\n") as never });
    assert.equal(result.code, EXIT_CODES.INVALID_STATE);
    assert.match(result.stderr, /runs without authentication: there is nothing to sign in to/);
    assert.throws(() => statSync(join(server.dataDir, "config", "credentials.json")), /ENOENT/);
    const whoami = await cairn(["whoami"], env);
    assert.equal(whoami.stdout, `Authentication is off on ${server.url}: every request is anonymous and allowed.\n`);
    assert.deepEqual(JSON.parse((await cairn(["whoami", "--json"], env)).stdout), { auth_enabled: false });
  });
});

describe("cairn login when sign-in is rate limited", () => {
  let server: AuthServer;
  before(async () => (server = await startAuthServer()));
  after(() => server.close());

  it("says to wait (exit 22) at once instead of waiting out Retry-After", async () => {
    // No CAIRN_HTTP_REQUEST_MAX_RETRIES: with the CLI's default retries a 429 would be waited out for minutes.
    const env = { CAIRN_TRACKING_URI: server.url, CAIRN_CONFIG_DIR: server.configDir };
    for (let i = 0; i < 5; i++) {
      const wrong = await cairn(["login", "--username", "admin", "--password-stdin"], env, { stdin: piped(`wrong-${i}\n`) as never });
      assert.equal(wrong.code, EXIT_CODES.UNAUTHENTICATED, wrong.stderr);
    }
    const limited = await cairn(["login", "--username", "admin", "--password-stdin"], env, { stdin: piped(`${server.admin.password}\n`) as never });
    assert.equal(limited.code, EXIT_CODES.REQUEST_LIMIT_EXCEEDED, limited.stderr);
    assert.match(limited.stderr, /Too many failed sign-in attempts .* Wait \d+ seconds/);
    assert.throws(() => statSync(join(server.configDir, "credentials.json")), /ENOENT/);
  });
});
