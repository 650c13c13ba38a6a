import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import type { AuditEntry, AuditEntryInput, AuditStore, AuditVerification, CairnStore } from "@cairn/core";
import { openDialect, openStore, type StoreDialect } from "@cairn/store";
import { createServer } from "@cairn/server";
import { AuditWriter } from "../src/audit/audit-writer.js";
import { hashPassword } from "../src/auth/password-hash.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";

describe("audit log over HTTP", () => {
  let dir = "";
  let store: CairnStore;
  let raw: StoreDialect;
  let app: FastifyInstance;
  let now = Date.UTC(2026, 10, 1);
  const clock = () => now;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-audit-http-"));
    const uri = `sqlite:///${join(dir, "cairn.db")}`;
    store = await openStore(uri, { clock });
    raw = await openDialect(uri);
    app = await createServer({ store, clock });
  });
  after(async () => {
    await app.close();
    await raw.db.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await app.inject({
      method: method as "GET",
      url,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    let json: any;
    try {
      json = JSON.parse(r.body);
    } catch {
      json = undefined; // NDJSON or text; callers read r.body
    }
    return { status: r.statusCode, json, body: r.body, headers: r.headers };
  };
  const newest = async (n = 1): Promise<AuditEntry[]> => (await call("GET", `${CAIRN}/audit/list?max_results=${n}`)).json.entries;
  const count = async () => (await store.verifyAudit()).head_seq;

  it("records registry mutations with actor, action, resource, request id, client and identifying fields", async () => {
    const created = await call("POST", `${MLFLOW}/registered-models/create`, { name: "churn", description: "free text" }, { "x-request-id": "req-abc" });
    assert.equal(created.status, 200);
    const [entry] = await newest();
    assert.deepEqual(
      { ...entry, prev_hash: undefined, hash: undefined, seq: undefined },
      {
        seq: undefined,
        timestamp_ms: now,
        actor: "anonymous",
        action: "POST /api/2.0/mlflow/registered-models/create",
        resource: "models:/churn",
        request_id: "req-abc",
        client: "127.0.0.1",
        summary: { name: "churn" },
        prev_hash: undefined,
        hash: undefined,
      },
    );

    now += 1000;
    await call("POST", `${MLFLOW}/model-versions/create`, { name: "churn", source: "s3://b/churn/1" });
    await call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "1" }, { "x-request-id": "req-alias" });
    // The UI's mirror reaches the same route and is recorded under its canonical path.
    await call("DELETE", `/ajax-api/2.0/mlflow/registered-models/alias`, { name: "churn", alias: "champion" });
    const [deleted, set, version] = await newest(3);
    assert.deepEqual([version!.action, version!.resource, version!.summary], ["POST /api/2.0/mlflow/model-versions/create", "models:/churn", { name: "churn" }]);
    assert.deepEqual([set!.action, set!.resource, set!.request_id, set!.summary], ["POST /api/2.0/mlflow/registered-models/alias", "models:/churn/1", "req-alias", { alias: "champion", name: "churn", version: "1" }]);
    assert.deepEqual([deleted!.action, deleted!.resource], ["DELETE /api/2.0/mlflow/registered-models/alias", "models:/churn"]);
    // Without the header each request gets the server's own, distinct id.
    assert.ok(version!.request_id !== "" && version!.request_id !== deleted!.request_id && version!.request_id !== "req-abc");
    assert.deepEqual([version!.prev_hash, set!.prev_hash, deleted!.prev_hash], [entry!.hash, version!.hash, set!.hash]);
  });

  it("names created experiments and runs by the ids in the response, and runs by run_id", async () => {
    const experiment = await call("POST", `${MLFLOW}/experiments/create`, { name: "exp" });
    const [exp] = await newest();
    assert.deepEqual([exp!.resource, exp!.summary], [`experiments:/${experiment.json.experiment_id}`, { name: "exp" }]);
    const run = await call("POST", `${MLFLOW}/runs/create`, { experiment_id: experiment.json.experiment_id, run_name: "r1" });
    const runId = run.json.run.info.run_id;
    const [created] = await newest();
    assert.deepEqual([created!.resource, created!.summary], [`runs:/${runId}`, { experiment_id: experiment.json.experiment_id, run_name: "r1" }]);
    await call("POST", `${MLFLOW}/runs/log-batch`, { run_id: runId, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }] });
    const [logged] = await newest();
    assert.deepEqual([logged!.action, logged!.resource, logged!.summary], ["POST /api/2.0/mlflow/runs/log-batch", `runs:/${runId}`, { run_id: runId }]);
  });

  it("records no GET, no read-level POST and no failed request", async () => {
    const before = await count();
    assert.equal((await call("GET", `${MLFLOW}/registered-models/get?name=churn`)).status, 200);
    assert.equal((await call("POST", `${MLFLOW}/experiments/search`, { max_results: 1 })).status, 200);
    assert.equal((await call("POST", `${MLFLOW}/registered-models/create`, { name: "churn" })).status, 400);
    assert.equal((await call("POST", `${MLFLOW}/registered-models/create`, "{not json")).status, 400);
    assert.equal((await call("POST", `${MLFLOW}/registered-models/create`, {})).status, 400);
    assert.equal((await call("POST", `${MLFLOW}/model-versions/transition-stage`, { name: "nope", version: "1", stage: "Production" })).status, 404);
    assert.equal((await call("POST", `${MLFLOW}/no-such-endpoint`, {})).status, 404);
    assert.equal((await call("GET", `${CAIRN}/audit/verify`)).status, 200);
    assert.equal(await count(), before);
  });

  it("never records a webhook's secret, a token-shaped value or the Authorization and Cookie headers", async () => {
    const created = await call(
      "POST",
      `${MLFLOW}/webhooks`,
      { name: "deploy", url: "https://ci.example.com/hook", events: [{ entity: "MODEL_VERSION", action: "CREATED" }], secret: "webhook-s3cret-value" },
      { authorization: "Bearer cairn_abc_header-secret-value", cookie: "cairn_session=cookie-secret-value" },
    );
    assert.equal(created.status, 200);
    const id = created.json.webhook.webhook_id;
    await call("PATCH", `${MLFLOW}/webhooks/${id}`, { secret: "rotated-s3cret-value", name: "cairn_abc_0123456789abcdef" });
    const [patched, first] = await newest(2);
    assert.deepEqual([first!.action, first!.resource, first!.summary], ["POST /api/2.0/mlflow/webhooks", `webhooks:/${id}`, { name: "deploy" }]);
    assert.deepEqual([patched!.action, patched!.resource, patched!.summary], ["PATCH /api/2.0/mlflow/webhooks/:webhook_id", `webhooks:/${id}`, { name: "[redacted]", webhook_id: id }]);
    const exported = (await call("GET", `${CAIRN}/audit/export`)).body;
    for (const secret of ["webhook-s3cret-value", "rotated-s3cret-value", "header-secret-value", "cookie-secret-value", "0123456789abcdef"]) assert.ok(!exported.includes(secret), secret);
  });

  it("lists with filters and pages, exports NDJSON oldest first, and rejects bad input with 400", async () => {
    const models = (await call("GET", `${CAIRN}/audit/list?resource=${encodeURIComponent("models:/churn")}`)).json.entries as AuditEntry[];
    assert.deepEqual(models.map((e) => e.resource), ["models:/churn", "models:/churn/1", "models:/churn", "models:/churn"]);
    const deletes = (await call("GET", `${CAIRN}/audit/list?action=${encodeURIComponent("DELETE /api/2.0/mlflow/registered-models/alias")}&actor=anonymous`)).json.entries;
    assert.equal(deletes.length, 1);
    const page = await call("GET", `${CAIRN}/audit/list?max_results=2`);
    const rest = await call("GET", `${CAIRN}/audit/list?max_results=1000&page_token=${encodeURIComponent(page.json.next_page_token)}`);
    const all = [...page.json.entries, ...rest.json.entries] as AuditEntry[];
    assert.deepEqual(all.map((e) => e.seq), Array.from({ length: all.length }, (_, i) => all.length - i));
    assert.equal(rest.json.next_page_token, undefined);

    const exported = await call("GET", `${CAIRN}/audit/export`);
    assert.equal(exported.status, 200);
    assert.match(String(exported.headers["content-type"]), /^application\/x-ndjson/);
    const lines = exported.body.trimEnd().split("\n").map((l) => JSON.parse(l) as AuditEntry);
    assert.deepEqual(lines, [...all].reverse());
    const later = await call("GET", `${CAIRN}/audit/export?since_ms=${Date.UTC(2026, 10, 1) + 1000}`);
    assert.deepEqual(later.body.trimEnd().split("\n").map((l) => (JSON.parse(l) as AuditEntry).seq), lines.filter((e) => e.timestamp_ms >= Date.UTC(2026, 10, 1) + 1000).map((e) => e.seq));
    assert.equal((await call("GET", `${CAIRN}/audit/export?since_ms=${now + 10}`)).body, "");

    for (const query of ["max_results=0", "max_results=1001", "since_ms=yesterday", "page_token=nonsense", "since_ms=5&until_ms=5"]) {
      const bad = await call("GET", `${CAIRN}/audit/list?${query}`);
      assert.deepEqual([bad.status, bad.json.error_code], [400, "INVALID_PARAMETER_VALUE"], query);
    }
    const badExport = await call("GET", `${CAIRN}/audit/export?since_ms=9&until_ms=3`);
    assert.deepEqual([badExport.status, badExport.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
  });

  it("commits concurrent requests' entries into one unbroken chain", async () => {
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call("POST", `${MLFLOW}/registered-models/set-tag`, { name: "churn", key: `k${i}`, value: "v" }, { "x-request-id": `par-${i}` })));
    assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200));
    const entries = await newest(20);
    assert.deepEqual(entries.map((e) => e.request_id).sort(), Array.from({ length: 20 }, (_, i) => `par-${i}`).sort());
    assert.deepEqual(entries.map((e) => e.seq).reverse(), Array.from({ length: 20 }, (_, i) => before + i + 1));
    const verification: AuditVerification = (await call("GET", `${CAIRN}/audit/verify`)).json;
    assert.deepEqual([verification.ok, verification.head_seq], [true, before + 20]);
  });

  it("answers 500 when an entry cannot be stored, while the change itself stands", async () => {
    await sql`alter table audit_log rename to audit_log_away`.execute(raw.db);
    try {
      const failed = await call("POST", `${MLFLOW}/registered-models/create`, { name: "unaudited" });
      assert.deepEqual([failed.status, failed.json.error_code], [500, "INTERNAL_ERROR"]);
      assert.match(failed.json.message, /The request was applied, but its audit entry could not be stored/);
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(raw.db);
    }
    assert.equal((await call("GET", `${MLFLOW}/registered-models/get?name=unaudited`)).status, 200);
    assert.equal((await call("DELETE", `${MLFLOW}/registered-models/delete`, { name: "unaudited" })).status, 200);
    assert.equal((await store.verifyAudit()).ok, true);
  });

  it("audit/verify reports entries tampered with in the database", async () => {
    const intact: AuditVerification = (await call("GET", `${CAIRN}/audit/verify`)).json;
    assert.deepEqual([intact.ok, intact.problems, intact.entries_checked], [true, [], intact.head_seq]);
    await sql`update audit_log set actor = 'mallory' where seq = 2`.execute(raw.db);
    await sql`delete from audit_log where seq = 4`.execute(raw.db);
    await sql`delete from audit_log where seq = ${intact.head_seq}`.execute(raw.db);
    const tampered = await call("GET", `${CAIRN}/audit/verify`);
    assert.equal(tampered.status, 200);
    assert.equal(tampered.json.ok, false);
    assert.deepEqual(
      (tampered.json as AuditVerification).problems.map((p) => [p.seq, p.problem]),
      [[2, "modified"], [4, "missing"], [intact.head_seq, "head_mismatch"]],
    );
    assert.deepEqual([tampered.json.head_seq, tampered.json.head_hash], [intact.head_seq, intact.head_hash]);
  });
});

describe("audit log with authentication on", () => {
  let dir = "";
  let store: CairnStore;
  let app: FastifyInstance;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-audit-auth-"));
    store = await openStore(`sqlite:///${join(dir, "cairn.db")}`);
    await store.createUser({ username: "root", password_hash: await hashPassword("root-password-1"), is_admin: true });
    app = await createServer({ store, auth: {}, uiDir: false });
  });
  after(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  const call = async (method: "GET" | "POST", url: string, body: unknown, headers: Record<string, string>) => {
    const r = await app.inject({ method, url, headers: { "content-type": "application/json", ...headers }, ...(method === "GET" ? {} : { payload: JSON.stringify(body) }) });
    return { status: r.statusCode, json: r.json() as any, headers: r.headers };
  };
  const root = { authorization: basic("root", "root-password-1") };
  const entries = async (): Promise<AuditEntry[]> => (await call("GET", `${CAIRN}/audit/list`, undefined, root)).json.entries;

  it("records the signed-in actor, sign-in itself and tokens, and never a password, session or token secret", async () => {
    const created = await call("POST", `${CAIRN}/users/create`, { username: "carol", password: "carol-password-1", is_admin: false }, root);
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const [user] = await entries();
    assert.deepEqual([user!.actor, user!.action, user!.resource, user!.summary], ["root", "POST /api/2.0/cairn/users/create", "users:/carol", { is_admin: false, username: "carol" }]);

    assert.equal((await call("POST", `${CAIRN}/auth/login`, { username: "carol", password: "wrong-password" }, {})).status, 401);
    const login = await call("POST", `${CAIRN}/auth/login`, { username: "carol", password: "carol-password-1" }, {});
    assert.equal(login.status, 200, JSON.stringify(login.json));
    const cookies = String(login.headers["set-cookie"]);
    const [signedIn] = await entries();
    assert.deepEqual([signedIn!.seq, signedIn!.actor, signedIn!.action, signedIn!.resource, signedIn!.summary], [2, "carol", "POST /api/2.0/cairn/auth/login", "users:/carol", { username: "carol" }]);

    const token = await call("POST", `${CAIRN}/tokens/create`, { name: "ci" }, { authorization: basic("carol", "carol-password-1") });
    assert.equal(token.status, 200, JSON.stringify(token.json));
    const [minted] = await entries();
    assert.deepEqual([minted!.actor, minted!.resource, minted!.summary], ["carol", `tokens:/${token.json.token.token_id}`, { name: "ci" }]);

    // Only admins read the log; refusals are not entries.
    assert.equal((await call("GET", `${CAIRN}/audit/list`, undefined, { authorization: `Bearer ${token.json.secret}` })).status, 403);
    assert.equal((await call("GET", `${CAIRN}/audit/verify`, undefined, {})).status, 401);
    assert.equal((await call("POST", `${CAIRN}/users/create`, { username: "dave", password: "dave-password-1" }, { authorization: basic("carol", "carol-password-1") })).status, 403);

    const exported = (await app.inject({ method: "GET", url: `${CAIRN}/audit/export`, headers: root })).body;
    assert.equal(exported.trimEnd().split("\n").length, 3);
    const session = /cairn_session=([^;]+)/.exec(cookies)?.[1];
    assert.ok(session);
    for (const secret of ["carol-password-1", "wrong-password", "root-password-1", token.json.secret, session, login.json.csrf_token]) assert.ok(!exported.includes(secret), secret);
    assert.equal((await store.verifyAudit()).ok, true);
  });
});

describe("audit writer group commit", () => {
  it("writes the first entry at once and everything queued meanwhile in the next single transaction", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-audit-writer-"));
    const store = await openStore(`sqlite:///${join(dir, "cairn.db")}`);
    t.after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // The real store, with the size of each call noted on the way through.
    const batches: number[] = [];
    const counting: Pick<AuditStore, "appendAudit"> = {
      appendAudit: (entries) => {
        batches.push(entries.length);
        return store.appendAudit(entries);
      },
    };
    const writer = new AuditWriter(counting);
    const input = (i: number): AuditEntryInput => ({ timestamp_ms: i, actor: "a", action: "POST /x", resource: "server", request_id: `r${i}`, client: "127.0.0.1", summary: {} });
    const stored = await Promise.all(Array.from({ length: 10 }, (_, i) => writer.write(input(i))));
    assert.deepEqual(batches, [1, 9]);
    assert.deepEqual(stored.map((e) => [e.seq, e.request_id]), stored.map((_e, i) => [i + 1, `r${i}`]));

    // A failed batch fails its own callers only; the writer goes on with the next.
    const raw = await openDialect(`sqlite:///${join(dir, "cairn.db")}`);
    t.after(() => raw.db.destroy());
    await sql`alter table audit_log rename to audit_log_away`.execute(raw.db);
    const failing = writer.write(input(10));
    const queued = writer.write(input(11));
    await assert.rejects(failing);
    await assert.rejects(queued);
    await sql`alter table audit_log_away rename to audit_log`.execute(raw.db);
    assert.equal((await writer.write(input(12))).seq, 11);
    assert.equal((await store.verifyAudit()).ok, true);
  });
});
