import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openDialect, type StoreDialect } from "@cairn/store";
import type { RegisteredRoute } from "../src/auth/auth-runtime.js";
import { basic, startAuthTestServer, type As, type AuthTestServer } from "./auth-harness.js";
import { headersOf, seedGoverned } from "./auth-seed.js";
import { fingerprint } from "./security-fingerprint.js";
import { buildRequest, type Refs } from "./security-inputs.js";

// The contract's public routes with auth on (HEAD mirrors GET).
const PUBLIC = new Set(["GET /health", "HEAD /health", "GET /version", "HEAD /version", "GET /api/openapi.json", "HEAD /api/openapi.json", "POST /api/2.0/cairn/auth/login"]);

// Routes every signed-in user may call without any grant: searches and lists (filtered to what
// the caller may read), creating new experiments and models, their own session and tokens, and
// the server-wide webhook and retirement listings. Every other route must refuse a user without grants.
const OPEN = new Set([
  "POST /api/2.0/mlflow/experiments/create",
  "POST /api/2.0/mlflow/registered-models/create",
  "GET /api/2.0/mlflow/experiments/search",
  "POST /api/2.0/mlflow/experiments/search",
  "POST /api/2.0/mlflow/runs/search",
  "POST /api/2.0/mlflow/logged-models/search",
  "GET /api/2.0/mlflow/registered-models/search",
  "GET /api/2.0/mlflow/model-versions/search",
  "GET /api/2.0/cairn/deployments/search",
  "GET /api/2.0/cairn/monitors/search",
  "GET /api/2.0/cairn/inference-logs/search",
  "GET /api/2.0/cairn/approvals/list",
  "GET /api/2.0/mlflow/webhooks",
  "GET /api/2.0/mlflow/webhooks/:webhook_id",
  "GET /api/2.0/cairn/webhooks/:webhook_id/deliveries",
  "GET /api/2.0/cairn/retirement-policies/list",
  "POST /api/2.0/cairn/auth/logout",
  "GET /api/2.0/cairn/auth/whoami",
  "POST /api/2.0/cairn/tokens/create",
  "GET /api/2.0/cairn/tokens/list",
]);

// Refusals whose answer may differ for a missing resource, and why.
const UNKNOWN_IS_ANSWERED = new Set([
  // Labels for unknown request ids write nothing and are reported back (sampling leaves many unknown).
  "POST /api/2.0/cairn/inference-logs/labels",
]);

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const headKey = (r: RegisteredRoute) => (r.method === "HEAD" ? `GET ${r.url}` : keyOf(r));

describe("security: every route with authentication on (default permission NO_PERMISSIONS)", () => {
  let s: AuthTestServer;
  let raw: StoreDialect;
  let routes: RegisteredRoute[];
  let refs: Refs;
  let missing: Refs;
  let nobody: As;
  let readOnly: string;
  let revoked: string;
  let expired: string;
  const send = (route: RegisteredRoute, as: As, with_: Refs = refs, extra: Record<string, string> = {}) => {
    const r = buildRequest(route, with_);
    return s.app.inject({ method: r.method as "GET", url: r.url, headers: { ...r.headers, ...headersOf(as), ...extra }, ...(r.payload === undefined ? {} : { payload: r.payload }) });
  };
  const state = () => fingerprint(raw, join(s.dir, "artifacts"));
  const changed = (a: Record<string, string>, b: Record<string, string>) => Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);

  before(async () => {
    s = await startAuthTestServer({ defaultPermission: "NO_PERMISSIONS" });
    const root = basic({ username: "root", password: "root-password" });
    const owner = basic(await s.user("owner"));
    nobody = basic(await s.user("nobody"));
    const seeded = await seedGoverned(s, owner, "secret");
    const approval = await s.call("POST", "/api/2.0/cairn/approvals/request", { as: owner, body: { name: seeded.model, version: "1", alias: "challenger" } });
    assert.equal(approval.status, 200, approval.text);
    const hook = await s.call("POST", "/api/2.0/mlflow/webhooks", { as: root, body: { name: "hook", url: "https://hooks.example.com/cairn", events: [{ entity: "MODEL_VERSION", action: "CREATED" }] } });
    assert.equal(hook.status, 200, hook.text);
    assert.equal((await s.call("POST", "/api/2.0/cairn/groups/create", { as: root, body: { name: "secret-group" } })).status, 200);
    const policy = await s.call("POST", "/api/2.0/cairn/retirement-policies/create", { as: owner, body: { name: "secret-policy", model_name: seeded.model, rule: "keep_last", keep: 3, action: "archive" } });
    assert.equal(policy.status, 200, policy.text);
    const ownersToken = await s.token("owner");
    readOnly = (await s.token("owner", { read_only: true })).secret;
    const toRevoke = await s.token("owner");
    await s.store.revokeCredential(toRevoke.id, s.now());
    revoked = toRevoke.secret;
    expired = (await s.token("owner", { expires_at: s.now() + 1000 })).secret;
    s.advance(2000);
    refs = { ...seeded, approvalRequestId: approval.json.request.request_id, webhookId: hook.json.webhook.webhook_id, tokenId: ownersToken.id, group: "secret-group", policy: "secret-policy", username: "owner" };
    missing = {
      ...refs,
      experimentId: "987654",
      experimentName: "no-such-experiment",
      runId: "no-such-run",
      loggedModelId: `m-${"0".repeat(32)}`,
      model: "no-such-model",
      deployment: "no-such-deployment",
      monitor: "no-such-monitor",
      requestId: "no-such-request",
      approvalRequestId: "no-such-approval",
      artifactPath: `987654/no-such-run/artifacts/file.txt`,
    };
    raw = await openDialect(s.dbUri);
    routes = s.app.cairnAuth!.routes.filter((r) => !r.staticFile);
    assert.ok(routes.length > 100, `only ${routes.length} routes collected`);
  });
  after(async () => {
    await raw?.db.destroy();
    await s?.close();
  });

  it("declares a permission on every API route", () => {
    const undeclared = routes.filter((r) => r.url.startsWith("/api/") && !r.permission && r.url !== "/api/openapi.json").map(keyOf);
    assert.deepEqual(undeclared, []);
  });

  it("answers exactly the contract's public routes without credentials", async () => {
    const reachable: string[] = [];
    // The authentication hook's 401 carries the Basic challenge; sign-in's own "wrong password" 401 does not.
    for (const route of routes) {
      const r = await send(route, undefined);
      if (r.statusCode !== 401 || r.headers["www-authenticate"] === undefined) reachable.push(keyOf(route));
    }
    assert.deepEqual(reachable.sort(), [...PUBLIC].sort());
  });

  it("refuses every other route without credentials, with a wrong password, a revoked token and an expired token: 401, nothing changed", async () => {
    for (const route of routes.filter((r) => !PUBLIC.has(keyOf(r)))) {
      const cases: [string, As][] = [
        ["no credentials", undefined],
        ["a wrong password", { basic: ["owner", "not-the-password"] }],
        ["a revoked token", { bearer: revoked }],
        ["an expired token", { bearer: expired }],
      ];
      for (const [label, as] of cases) {
        const before = await state();
        const r = await send(route, as);
        assert.equal(r.statusCode, 401, `${keyOf(route)} with ${label}: ${r.statusCode} ${r.body}`);
        if (route.method !== "HEAD") assert.equal(r.json().error_code, "UNAUTHENTICATED");
        assert.equal(r.headers["www-authenticate"], 'Basic realm="cairn"');
        assert.deepEqual(changed(before, await state()), [], `${keyOf(route)} with ${label} changed something`);
        // Each wrong password counts toward the sign-in limit: let the window pass so the next is a 401, not a 429.
        if (label === "a wrong password") s.advance(5 * 60_000);
      }
    }
  });

  it("refuses a read-only token on every route that is not a read: 403, nothing changed", async () => {
    let checked = 0;
    for (const route of routes.filter((r) => !PUBLIC.has(keyOf(r)) && r.permission && r.permission.level !== "read")) {
      const before = await state();
      const r = await send(route, { bearer: readOnly });
      assert.equal(r.statusCode, 403, `${keyOf(route)}: ${r.statusCode} ${r.body}`);
      if (route.method !== "HEAD") assert.match(r.json().message, /read-only/, keyOf(route));
      assert.deepEqual(changed(before, await state()), [], `${keyOf(route)} changed something`);
      checked++;
    }
    assert.ok(checked > 60, `${checked} write routes`);
  });

  it("refuses a user without permissions on every route but the open ones, alike for missing resources, and changes nothing", async () => {
    const problems: string[] = [];
    let compared = 0;
    for (const route of routes.filter((r) => !PUBLIC.has(keyOf(r)) && !OPEN.has(headKey(r)))) {
      const before = await state();
      const r = await send(route, nobody);
      const after = await state();
      if (r.statusCode !== 403) problems.push(`${keyOf(route)}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      const diff = changed(before, after);
      if (diff.length > 0) problems.push(`${keyOf(route)} changed ${diff.join(", ")}`);
      if (route.method === "HEAD" || r.statusCode !== 403) continue;
      if (r.json().error_code !== "PERMISSION_DENIED") problems.push(`${keyOf(route)}: ${r.body}`);
      if (route.permission?.resource === "server" || UNKNOWN_IS_ANSWERED.has(keyOf(route))) continue;
      // The refusal for an existing resource the caller may not read equals the one for a missing resource.
      const m = await send(route, nobody, missing);
      compared++;
      if (m.statusCode !== 403 || normalize(m.json().message, missing) !== normalize(r.json().message, refs)) {
        problems.push(`${keyOf(route)}: existing → ${r.json().message} | missing → ${m.statusCode} ${m.body.slice(0, 200)}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(compared > 80, `only ${compared} refusals compared with their missing-resource twin`);
  });

  it("shows a user without permissions none of the seeded resources on the open routes", async () => {
    const secrets = [refs.experimentName, refs.runId, refs.loggedModelId, refs.model, refs.deployment, refs.monitor, refs.requestId, refs.approvalRequestId, refs.policy, `"experiment_id":"${refs.experimentId}"`];
    const problems: string[] = [];
    for (const route of routes.filter((r) => OPEN.has(headKey(r)))) {
      const r = await send(route, nobody);
      if (r.statusCode === 401 || r.statusCode === 403 || r.statusCode >= 500) problems.push(`${keyOf(route)}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      for (const secret of secrets) if (r.body.includes(secret)) problems.push(`${keyOf(route)} shows ${secret}`);
    }
    assert.deepEqual(problems, []);
    // Every open route exists (the list is not stale).
    const registered = new Set(routes.map(keyOf));
    assert.deepEqual([...OPEN].filter((k) => !registered.has(k)), []);
  });
});

/** A refusal with the identifiers it names replaced by their role, to compare refusals about different ids. */
function normalize(message: string, refs: Refs): string {
  let out = message;
  const pairs = Object.entries(refs).sort((a, b) => b[1].length - a[1].length);
  for (const [role, value] of pairs) out = out.split(value).join(`<${role}>`);
  return out;
}
