import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { basic, startAuthTestServer, type AuthTestServer } from "./auth-harness.js";
import { startTestServer } from "./harness.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";
// What MLflow's Python client sends (mlflow/utils/rest_utils.py): its User-Agent and JSON bodies.
const MLFLOW_CLIENT = { "user-agent": "mlflow-python-client/3.6.0", "content-type": "application/json" };

/** The value of one cookie in a Set-Cookie list, with its attributes. */
function setCookie(headers: Record<string, unknown>, name: string): string | undefined {
  const list = ([] as string[]).concat((headers["set-cookie"] as string | string[] | undefined) ?? []);
  return list.find((c) => c.startsWith(`${name}=`));
}
const cookieValue = (line: string | undefined) => line?.split(";")[0]?.split("=")[1];

describe("authentication", () => {
  let s: AuthTestServer;
  let alice: { username: string; password: string };
  before(async () => {
    s = await startAuthTestServer();
    alice = await s.user("alice");
  });
  after(() => s.close());

  it("serves health, version, the OpenAPI document and sign-in without credentials", async () => {
    assert.equal((await s.call("GET", "/health")).text, "OK");
    assert.equal((await s.call("GET", "/version")).status, 200);
    assert.equal((await s.call("GET", "/api/openapi.json")).status, 200);
    const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "wrong-password" } });
    assert.equal(login.status, 401, "reached the handler: a wrong password, not missing credentials");
    assert.equal(login.headers["www-authenticate"], undefined, "a failed sign-in does not invite the browser's Basic dialog");
  });

  it("answers 401 UNAUTHENTICATED with the Basic challenge to a request without credentials, known endpoint or not", async () => {
    for (const [method, url] of [["GET", `${MLFLOW}/experiments/search`], ["POST", `${MLFLOW}/experiments/create`], ["GET", `${CAIRN}/auth/whoami`], ["GET", "/api/2.0/mlflow/no-such-endpoint"], ["GET", "/ajax-api/2.0/mlflow/experiments/search"], ["GET", "/metrics"]] as const) {
      const r = await s.call(method, url, method === "POST" ? { body: { name: "x" } } : {});
      assert.equal(r.status, 401, `${method} ${url}`);
      assert.equal(r.json.error_code, "UNAUTHENTICATED");
      assert.match(r.json.message, /MLFLOW_TRACKING_TOKEN/);
      assert.equal(r.headers["www-authenticate"], 'Basic realm="cairn"');
    }
    // The web UI's own scripts get the 401 without the challenge, so the browser shows the sign-in page, not its dialog.
    const fromUi = await s.call("GET", `${CAIRN}/auth/whoami`, { headers: { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" } });
    assert.equal(fromUi.status, 401);
    assert.equal(fromUi.headers["www-authenticate"], undefined);
  });

  it("accepts MLflow client requests with Basic and with Bearer credentials, and refuses them without", async () => {
    const token = await s.token("alice");
    for (const [i, auth] of [`Basic ${Buffer.from("alice:alice-password").toString("base64")}`, `Bearer ${token.secret}`].entries()) {
      const headers = { ...MLFLOW_CLIENT, authorization: auth };
      const created = await s.app.inject({ method: "POST", url: `${MLFLOW}/experiments/create`, headers, payload: JSON.stringify({ name: `mlflow-client-${i}` }) });
      assert.equal(created.statusCode, 200, created.body);
      const experimentId = created.json().experiment_id;
      const run = await s.app.inject({ method: "POST", url: `${MLFLOW}/runs/create`, headers, payload: JSON.stringify({ experiment_id: experimentId, start_time: 1, tags: [{ key: "mlflow.user", value: "alice" }] }) });
      assert.equal(run.statusCode, 200, run.body);
      const runId = run.json().run.info.run_id;
      const batch = await s.app.inject({ method: "POST", url: `${MLFLOW}/runs/log-batch`, headers, payload: JSON.stringify({ run_id: runId, metrics: [{ key: "loss", value: 0.5, timestamp: 1, step: 0 }], params: [{ key: "lr", value: "0.1" }] }) });
      assert.equal(batch.statusCode, 200, batch.body);
      const got = await s.app.inject({ method: "GET", url: `${MLFLOW}/runs/get?run_id=${runId}`, headers });
      assert.equal(got.json().run.data.params[0].value, "0.1");
      const searched = await s.app.inject({ method: "POST", url: `${MLFLOW}/runs/search`, headers, payload: JSON.stringify({ experiment_ids: [experimentId] }) });
      assert.equal(searched.json().runs.length, 1);
      const refused = await s.app.inject({ method: "POST", url: `${MLFLOW}/runs/search`, headers: MLFLOW_CLIENT, payload: JSON.stringify({ experiment_ids: [experimentId] }) });
      assert.equal(refused.statusCode, 401);
    }
  });

  it("refuses a wrong password and an unknown user with the same answer, and a disabled user", async () => {
    const wrong = await s.call("GET", `${MLFLOW}/experiments/search`, { as: { basic: ["alice", "nope-nope"] } });
    const unknown = await s.call("GET", `${MLFLOW}/experiments/search`, { as: { basic: ["nobody-here", "nope-nope"] } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, unknown.json);
    assert.equal(wrong.headers["www-authenticate"], 'Basic realm="cairn"');
    const carol = await s.user("carol");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(carol) })).status, 200);
    await s.store.updateUser("carol", { disabled: true });
    const disabled = await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(carol) });
    assert.equal(disabled.status, 401);
    assert.deepEqual(disabled.json, wrong.json, "a disabled account reads like a wrong password");
    for (const header of ["Basic", "Basic !!!", `Basic ${Buffer.from("no-colon").toString("base64")}`, "Digest abc", "Bearer", "Bearer not-a-cairn-token", "Token x"]) {
      const r = await s.app.inject({ method: "GET", url: `${CAIRN}/auth/whoami`, headers: { authorization: header } });
      assert.equal(r.statusCode, 401, header);
      assert.equal(r.json().error_code, "UNAUTHENTICATED");
    }
  });

  it("refuses revoked and expired tokens, tokens of disabled users, and sessions presented as tokens", async () => {
    const revoked = await s.token("alice");
    assert.equal((await s.call("POST", `${CAIRN}/tokens/revoke`, { as: { bearer: revoked.secret }, body: { token_id: revoked.id } })).status, 200);
    const r1 = await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: revoked.secret } });
    assert.equal(r1.status, 401);
    assert.match(r1.json.message, /revoked/);

    const expiring = await s.token("alice", { expires_at: s.now() + 60_000 });
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: expiring.secret } })).status, 200);
    s.advance(60_000);
    const r2 = await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: expiring.secret } });
    assert.equal(r2.status, 401);
    assert.match(r2.json.message, /expired/);

    // A forged secret for a real token id learns nothing about the token's state.
    const forged = `cairn_${revoked.id}_${"A".repeat(43)}`;
    const r3 = await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: forged } });
    assert.equal(r3.status, 401);
    assert.doesNotMatch(r3.json.message, /revoked/);

    const dave = await s.user("dave");
    const daves = await s.token("dave");
    await s.call("POST", `${CAIRN}/users/update`, { as: basic({ username: "root", password: "root-password" }), body: { username: "dave", disabled: true } });
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: daves.secret } })).status, 401);
    void dave;

    const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" } });
    const session = cookieValue(setCookie(login.headers, "cairn_session"))!;
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { bearer: session } })).status, 401, "a session is not an API token");
    const token = await s.token("alice");
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { session: token.secret } })).status, 401, "an API token is not a session");
  });

  it("signs in with cookies as the contract says, and whoami tells who and the CSRF token", async () => {
    const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" } });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.json.user.username, "alice");
    assert.equal(login.json.user.password_hash, undefined);
    const session = setCookie(login.headers, "cairn_session")!;
    const csrf = setCookie(login.headers, "cairn_csrf")!;
    // Plain http to a loopback host (inject's default Host is localhost): no Secure.
    assert.match(session, /^cairn_session=cairn_[A-Za-z0-9-]+_[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly$/);
    assert.match(csrf, /^cairn_csrf=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; SameSite=Strict$/, "readable by the UI's script: no HttpOnly");
    assert.equal(cookieValue(csrf), login.json.csrf_token);

    const who = await s.call("GET", `${CAIRN}/auth/whoami`, { as: { session: cookieValue(session)! } });
    assert.deepEqual([who.json.auth_enabled, who.json.user.username, who.json.csrf_token], [true, "alice", login.json.csrf_token]);
    const byBasic = await s.call("GET", `${CAIRN}/auth/whoami`, { as: basic(alice) });
    assert.equal(byBasic.json.csrf_token, undefined, "no CSRF token without a session");

    // To a non-loopback host the cookies are Secure.
    const remote = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" }, headers: { host: "ml.example.com" } });
    assert.match(setCookie(remote.headers, "cairn_session")!, /; Secure$/);
    assert.match(setCookie(remote.headers, "cairn_csrf")!, /; Secure$/);
  });

  it("needs the CSRF header on cookie-signed-in changes, and only there", async () => {
    const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" } });
    const session = cookieValue(setCookie(login.headers, "cairn_session"))!;
    const body = { name: "csrf-checked" };
    const without = await s.call("POST", `${MLFLOW}/experiments/create`, { as: { session }, body });
    assert.equal(without.status, 403);
    assert.equal(without.json.error_code, "PERMISSION_DENIED");
    assert.match(without.json.message, /x-cairn-csrf/);
    const other = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" } });
    const wrong = await s.call("POST", `${MLFLOW}/experiments/create`, { as: { session, csrf: other.json.csrf_token }, body });
    assert.equal(wrong.status, 403, "another session's CSRF token does not do");
    assert.equal((await s.call("GET", `${MLFLOW}/experiments/get-by-name?experiment_name=csrf-checked`, { as: basic(alice) })).status, 404, "nothing was created");
    const right = await s.call("POST", `${MLFLOW}/experiments/create`, { as: { session, csrf: login.json.csrf_token }, body });
    assert.equal(right.status, 200, right.text);
    assert.equal((await s.call("GET", `${MLFLOW}/experiments/search`, { as: { session } })).status, 200, "GET needs no CSRF header");
    const token = await s.token("alice");
    assert.equal((await s.call("POST", `${MLFLOW}/experiments/create`, { as: { bearer: token.secret }, body: { name: "bearer-no-csrf" } })).status, 200, "Bearer needs none");
  });

  it("signs out: the session stops working and its cookies are cleared", async () => {
    const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" } });
    const session = cookieValue(setCookie(login.headers, "cairn_session"))!;
    const out = await s.call("POST", `${CAIRN}/auth/logout`, { as: { session, csrf: login.json.csrf_token }, body: {} });
    assert.equal(out.status, 200, out.text);
    assert.match(setCookie(out.headers, "cairn_session")!, /^cairn_session=; Path=\/; Max-Age=0; SameSite=Strict; HttpOnly/);
    assert.match(setCookie(out.headers, "cairn_csrf")!, /^cairn_csrf=; Path=\/; Max-Age=0/);
    const after = await s.call("GET", `${CAIRN}/auth/whoami`, { as: { session } });
    assert.equal(after.status, 401);
    assert.match(setCookie(after.headers, "cairn_session") ?? "", /Max-Age=0/, "a dead session cookie is cleared");
  });

  it("expires sessions after 12 hours", async () => {
    const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "alice", password: "alice-password" } });
    const session = cookieValue(setCookie(login.headers, "cairn_session"))!;
    s.advance(12 * 3600_000 - 1);
    assert.equal((await s.call("GET", `${CAIRN}/auth/whoami`, { as: { session } })).status, 200);
    s.advance(1);
    const expired = await s.call("GET", `${CAIRN}/auth/whoami`, { as: { session } });
    assert.equal(expired.status, 401);
    assert.match(expired.json.message, /session has expired/);
  });

  it("lets read-only tokens read and nothing else", async () => {
    const ro = await s.token("alice", { read_only: true });
    assert.equal((await s.call("GET", `${MLFLOW}/experiments/search`, { as: { bearer: ro.secret } })).status, 200);
    assert.equal((await s.call("POST", `${MLFLOW}/runs/search`, { as: { bearer: ro.secret }, body: { experiment_ids: ["0"] } })).status, 200, "a POST search is a read");
    for (const [url, body] of [[`${MLFLOW}/experiments/create`, { name: "ro" }], [`${CAIRN}/tokens/create`, { name: "escalate" }], [`${CAIRN}/auth/logout`, {}]] as const) {
      const r = await s.call("POST", url, { as: { bearer: ro.secret }, body });
      assert.equal(r.status, 403, url);
      assert.match(r.json.message, /read-only/);
    }
  });
});

describe("authentication off", () => {
  it("says so in whoami and refuses to sign in", async () => {
    const server = await startTestServer();
    try {
      assert.deepEqual((await server.call("GET", `${CAIRN}/auth/whoami`)).json, { auth_enabled: false });
      const login = await server.call("POST", `${CAIRN}/auth/login`, { username: "a", password: "b" });
      assert.equal(login.status, 400);
      assert.equal(login.json.error_code, "INVALID_STATE");
      assert.match(login.json.message, /--auth/);
    } finally {
      await server.close();
    }
  });
});

describe("the web UI with authentication on", () => {
  it("serves its files and pages without credentials, so the sign-in page can load; the API behind it still needs them", async () => {
    const ui = mkdtempSync(join(tmpdir(), "cairn-ui-"));
    mkdirSync(join(ui, "assets"));
    writeFileSync(join(ui, "index.html"), "<!doctype html><title>Cairn</title>");
    writeFileSync(join(ui, "assets", "app-123.js"), "console.log(1)");
    const s = await startAuthTestServer({ uiDir: ui });
    try {
      const page = await s.call("GET", "/experiments/1/runs/abc", { headers: { accept: "text/html" } });
      assert.equal(page.status, 200);
      assert.match(page.text, /<title>Cairn<\/title>/);
      assert.equal((await s.call("GET", "/assets/app-123.js")).status, 200);
      assert.equal((await s.call("GET", "/", { headers: { accept: "text/html" } })).status, 200);
      assert.equal((await s.call("GET", "/ajax-api/2.0/mlflow/experiments/search", { headers: { accept: "text/html" } })).status, 401, "API paths are never UI pages");
      assert.equal((await s.call("POST", "/experiments", { headers: { accept: "text/html" }, body: {} })).status, 401, "only GETs of pages are public");
    } finally {
      await s.close();
      rmSync(ui, { recursive: true, force: true });
    }
  });
});
