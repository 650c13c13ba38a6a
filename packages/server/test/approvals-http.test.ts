import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

const CAIRN = "/api/2.0/cairn";
const MLFLOW = "/api/2.0/mlflow";

describe("approvals over HTTP (auth off: every caller is anonymous)", () => {
  let server: TestServer;
  let hookId = "";
  let now = Date.UTC(2026, 4, 1);
  before(async () => {
    server = await startTestServer({ clock: () => (now += 1000) });
    await server.call("POST", `${MLFLOW}/registered-models/create`, { name: "churn" });
    for (let i = 1; i <= 3; i++) await server.call("POST", `${MLFLOW}/model-versions/create`, { name: "churn", source: `s3://b/churn/${i}` });
    await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "1" });
    await server.call("POST", `${MLFLOW}/registered-models/create`, { name: "fraud" });
    await server.call("POST", `${MLFLOW}/model-versions/create`, { name: "fraud", source: "s3://b/fraud/1" });
    const events = ["CREATED", "APPROVED", "REJECTED", "CANCELLED"].map((action) => ({ entity: "APPROVAL_REQUEST", action }));
    const hook = await server.call("POST", `${MLFLOW}/webhooks`, { name: "approvals", url: "http://127.0.0.1:9/hook", events: [...events, { entity: "MODEL_VERSION_ALIAS", action: "CREATED" }, { entity: "MODEL_VERSION", action: "UPDATED" }] });
    assert.equal(hook.status, 200, hook.text);
    hookId = hook.json.webhook.webhook_id;
  });
  after(() => server.close());

  const deliveries = async () => {
    const log = await server.call("GET", `${CAIRN}/webhooks/${hookId}/deliveries?max_results=1000`);
    return (log.json.deliveries ?? []).map((d: any) => `${d.event.entity}.${d.event.action}`).reverse();
  };
  const aliases = async (name: string) => (await server.call("GET", `${MLFLOW}/registered-models/get?name=${name}`)).json.registered_model.aliases;
  const stageOf = async (name: string, version: string) => (await server.call("GET", `${MLFLOW}/model-versions/get?name=${name}&version=${version}`)).json.model_version.current_stage;

  it("a policy refuses direct alias and stage moves with a message naming the request command", async () => {
    assert.deepEqual((await server.call("GET", `${CAIRN}/approval-policies/get?name=churn`)).json, {});
    const set = await server.call("POST", `${CAIRN}/approval-policies/set`, { name: "churn", aliases: ["champion"], stages: ["production"], four_eyes: false });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual({ ...set.json.policy, last_updated_timestamp: 0 }, { name: "churn", aliases: ["champion"], stages: ["Production"], four_eyes: false, updated_by: "anonymous", last_updated_timestamp: 0 });
    assert.deepEqual((await server.call("GET", `${CAIRN}/approval-policies/get?name=churn`)).json, set.json);

    const direct = await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "2" });
    assert.equal(direct.status, 403);
    assert.equal(direct.json.error_code, "PERMISSION_DENIED");
    assert.match(direct.json.message, /protected by its approval policy/);
    assert.match(direct.json.message, /cairn models request models:\/churn\/2 --alias champion/);
    assert.match(direct.json.message, /\/api\/2\.0\/cairn\/approvals\/request/);
    // The same through the UI's mirror, and for deleting it.
    assert.equal((await server.call("POST", `/ajax-api/2.0/mlflow/registered-models/alias`, { name: "churn", alias: "champion", version: "2" })).status, 403);
    const deleted = await server.call("DELETE", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion" });
    assert.equal(deleted.status, 403);
    assert.match(deleted.json.message, /cannot be deleted directly.*approval-policies\/set/);
    assert.deepEqual(await aliases("churn"), [{ alias: "champion", version: "1" }]);

    const stage = await server.call("POST", `${MLFLOW}/model-versions/transition-stage`, { name: "churn", version: "2", stage: "Production", archive_existing_versions: true });
    assert.equal(stage.status, 403);
    assert.match(stage.json.message, /Stage Production .* cairn models request models:\/churn\/2 --stage Production --archive-existing/);
    assert.equal(await stageOf("churn", "2"), "None");

    // Unprotected aliases and stages, and other models, move as before.
    assert.equal((await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "challenger", version: "2" })).status, 200);
    assert.equal((await server.call("POST", `${MLFLOW}/model-versions/transition-stage`, { name: "churn", version: "3", stage: "Staging" })).status, 200);
    assert.equal((await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "fraud", alias: "champion", version: "1" })).status, 200);
    // Registry errors still come from the registry: an unknown model, a bad stage.
    assert.equal((await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "nope", alias: "champion", version: "1" })).status, 404);
    const badStage = await server.call("POST", `${MLFLOW}/model-versions/transition-stage`, { name: "churn", version: "2", stage: "Prod" });
    assert.deepEqual([badStage.status, badStage.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
  });

  it("request then approve moves the alias, queues the webhook events and notes the decision for the audit log", async () => {
    const before = await deliveries();
    const requested = await server.call("POST", `${CAIRN}/approvals/request`, { name: "churn", version: "2", alias: "champion", comment: "AUC 0.91 vs 0.88" });
    assert.equal(requested.status, 200, requested.text);
    const r = requested.json.request;
    assert.deepEqual([r.name, r.version, r.kind, r.target, r.status, r.requested_by, r.comment], ["churn", "2", "alias", "champion", "PENDING", "anonymous", "AUC 0.91 vs 0.88"]);
    assert.deepEqual((await server.call("GET", `${CAIRN}/approvals/get?request_id=${r.request_id}`)).json, requested.json);

    const approved = await server.call("POST", `${CAIRN}/approvals/approve`, { request_id: r.request_id, comment: "ship it" });
    assert.equal(approved.status, 200, approved.text);
    assert.deepEqual([approved.json.request.status, approved.json.request.decided_by, approved.json.request.decision_comment], ["APPROVED", "anonymous", "ship it"]);
    assert.deepEqual(await aliases("churn"), [{ alias: "challenger", version: "2" }, { alias: "champion", version: "2" }]);
    assert.deepEqual((await deliveries()).slice(before.length), ["APPROVAL_REQUEST.CREATED", "MODEL_VERSION_ALIAS.CREATED", "APPROVAL_REQUEST.APPROVED"]);
    const audit = (await server.call("GET", `${CAIRN}/audit/list?resource=${encodeURIComponent("models:/churn/2")}`)).json.entries;
    const [decision, request] = audit.filter((e: any) => e.summary.request_id === r.request_id);
    assert.deepEqual([decision.action, decision.resource, decision.summary.alias, decision.summary.decision], ["POST /api/2.0/cairn/approvals/approve", "models:/churn/2", "champion", "APPROVED"]);
    assert.deepEqual([request.action, request.summary.decision], ["POST /api/2.0/cairn/approvals/request", "REQUESTED"]);

    const again = await server.call("POST", `${CAIRN}/approvals/approve`, { request_id: r.request_id });
    assert.deepEqual([again.status, again.json.error_code], [400, "INVALID_STATE"]);
    assert.match(again.json.message, /already APPROVED by anonymous/);
  });

  it("four eyes without authentication: the anonymous requester cannot approve, and is told how to proceed", async () => {
    await server.call("POST", `${CAIRN}/approval-policies/set`, { name: "churn", aliases: ["champion"], stages: ["Production"] });
    const r = (await server.call("POST", `${CAIRN}/approvals/request`, { name: "churn", version: "3", alias: "champion" })).json.request;
    const refused = await server.call("POST", `${CAIRN}/approvals/approve`, { request_id: r.request_id });
    assert.deepEqual([refused.status, refused.json.error_code], [403, "PERMISSION_DENIED"]);
    assert.match(refused.json.message, /four eyes.*Turn authentication on.*four_eyes false/);
    assert.equal((await server.call("GET", `${CAIRN}/approvals/get?request_id=${r.request_id}`)).json.request.status, "PENDING");
    assert.deepEqual((await aliases("churn")).find((a: any) => a.alias === "champion"), { alias: "champion", version: "2" });
    const cancelled = await server.call("POST", `${CAIRN}/approvals/cancel`, { request_id: r.request_id });
    assert.deepEqual([cancelled.status, cancelled.json.request.status, cancelled.json.request.decided_by], [200, "CANCELLED", "anonymous"]);
    await server.call("POST", `${CAIRN}/approval-policies/set`, { name: "churn", aliases: ["champion"], stages: ["Production"], four_eyes: false });
  });

  it("reject needs a reason and moves nothing; cancel withdraws; decided requests stay decided", async () => {
    const r = (await server.call("POST", `${CAIRN}/approvals/request`, { name: "churn", version: "3", alias: "champion" })).json.request;
    const noReason = await server.call("POST", `${CAIRN}/approvals/reject`, { request_id: r.request_id });
    assert.deepEqual([noReason.status, noReason.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(noReason.json.message, /'comment'/);
    const blank = await server.call("POST", `${CAIRN}/approvals/reject`, { request_id: r.request_id, comment: " " });
    assert.match(blank.json.message, /needs a 'comment' saying why/);
    const rejected = await server.call("POST", `${CAIRN}/approvals/reject`, { request_id: r.request_id, comment: "no shadow results yet" });
    assert.deepEqual([rejected.status, rejected.json.request.status, rejected.json.request.decision_comment], [200, "REJECTED", "no shadow results yet"]);
    const cancelAfter = await server.call("POST", `${CAIRN}/approvals/cancel`, { request_id: r.request_id });
    assert.deepEqual([cancelAfter.status, cancelAfter.json.error_code], [400, "INVALID_STATE"]);
    assert.deepEqual((await aliases("churn")).find((a: any) => a.alias === "champion"), { alias: "champion", version: "2" });
  });

  it("a stage request with archive_existing_versions archives the version already in the stage when approved", async () => {
    const first = (await server.call("POST", `${CAIRN}/approvals/request`, { name: "churn", version: "1", stage: "Production" })).json.request;
    await server.call("POST", `${CAIRN}/approvals/approve`, { request_id: first.request_id });
    assert.equal(await stageOf("churn", "1"), "Production");
    const before = await deliveries();
    const second = await server.call("POST", `${CAIRN}/approvals/request`, { name: "churn", version: "2", stage: "production", archive_existing_versions: true });
    assert.equal(second.status, 200, second.text);
    assert.deepEqual([second.json.request.kind, second.json.request.target, second.json.request.archive_existing_versions], ["stage", "Production", true]);
    await server.call("POST", `${CAIRN}/approvals/approve`, { request_id: second.json.request.request_id });
    assert.deepEqual([await stageOf("churn", "1"), await stageOf("churn", "2")], ["Archived", "Production"]);
    assert.deepEqual((await deliveries()).slice(before.length), ["APPROVAL_REQUEST.CREATED", "MODEL_VERSION.UPDATED", "MODEL_VERSION.UPDATED", "APPROVAL_REQUEST.APPROVED"]);
  });

  it("lists one model's requests or the whole inbox, newest first, filtered by status, in pages", async () => {
    const f = (await server.call("POST", `${CAIRN}/approvals/request`, { name: "fraud", version: "1", stage: "Staging" })).json.request;
    const inbox = await server.call("GET", `${CAIRN}/approvals/list?status=PENDING`);
    assert.equal(inbox.status, 200, inbox.text);
    assert.deepEqual(inbox.json.requests.map((r: any) => r.request_id), [f.request_id]);
    const churn = await server.call("GET", `${CAIRN}/approvals/list?name=churn`);
    assert.ok(churn.json.requests.length >= 5);
    assert.ok(churn.json.requests.every((r: any) => r.name === "churn"));
    const times = churn.json.requests.map((r: any) => r.creation_timestamp);
    assert.deepEqual(times, [...times].sort((a: number, b: number) => b - a));
    const page = await server.call("GET", `${CAIRN}/approvals/list?max_results=2`);
    assert.equal(page.json.requests.length, 2);
    const next = await server.call("GET", `${CAIRN}/approvals/list?max_results=2&page_token=${encodeURIComponent(page.json.next_page_token)}`);
    assert.notEqual(next.json.requests[0].request_id, page.json.requests[0].request_id);
    assert.equal((await server.call("GET", `/ajax-api/2.0/cairn/approvals/list?name=fraud`)).json.requests.length, 1);
  });

  it("refuses bad inputs with 4xx and writes nothing", async () => {
    const count = async () => (await server.call("GET", `${CAIRN}/approvals/list?max_results=1000`)).json.requests.length;
    const before = await count();
    const eventsBefore = await deliveries();
    const cases: [string, string, unknown, number, RegExp][] = [
      ["POST", "/approvals/request", { name: "churn", version: "2", alias: "champion", stage: "Production" }, 400, /exactly one of 'alias'/],
      ["POST", "/approvals/request", { name: "churn", version: "2" }, 400, /exactly one of 'alias'/],
      ["POST", "/approvals/request", { name: "churn", version: "9", alias: "champion" }, 404, /version=9/],
      ["POST", "/approvals/request", { name: "nope", version: "1", alias: "champion" }, 404, /nope/],
      ["POST", "/approvals/request", { name: "churn", version: "2", stage: "None" }, 400, /Staging, Production, Archived/],
      ["POST", "/approvals/request", { name: "churn", version: "2", alias: "bad alias" }, 400, /letters, digits/],
      ["POST", "/approvals/request", { name: "churn", alias: "champion" }, 400, /'version'/],
      ["POST", "/approvals/request", { name: "churn", version: 2, alias: "champion", archive_existing_versions: "yes" }, 400, /archive_existing_versions/],
      ["POST", "/approvals/approve", { request_id: "nope" }, 404, /'nope' does not exist/],
      ["POST", "/approvals/approve", {}, 400, /'request_id'/],
      ["POST", "/approvals/cancel", { request_id: "nope" }, 404, /'nope'/],
      ["GET", "/approvals/get?request_id=nope", undefined, 404, /'nope'/],
      ["GET", "/approvals/list?status=DONE", undefined, 400, /PENDING, APPROVED/],
      ["GET", "/approvals/list?max_results=0", undefined, 400, /max_results/],
      ["GET", "/approvals/list?page_token=zzz", undefined, 400, /page token/],
      ["GET", "/approvals/list?name=nope", undefined, 200, /requests/],
      ["POST", "/approval-policies/set", { name: "churn", aliases: [], stages: [] }, 400, /at least one alias or stage/],
      ["POST", "/approval-policies/set", { name: "churn", aliases: ["champion"], stages: ["None"] }, 400, /Staging, Production, Archived/],
      ["POST", "/approval-policies/set", { name: "churn", stages: [] }, 400, /'aliases'/],
      ["POST", "/approval-policies/set", { name: "nope", aliases: ["a"], stages: [] }, 404, /nope/],
      ["GET", "/approval-policies/get?name=nope", undefined, 404, /nope/],
      ["POST", "/approval-policies/delete", { name: "fraud" }, 404, /has no approval policy/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const answer = await server.call(method, `${CAIRN}${path}`, body);
      assert.equal(answer.status, status, `${method} ${path} ${JSON.stringify(body)}: ${answer.text}`);
      assert.match(answer.text, message, `${method} ${path}`);
    }
    assert.equal(await count(), before);
    assert.deepEqual(await deliveries(), eventsBefore);
    assert.equal((await server.call("GET", `${CAIRN}/approval-policies/get?name=churn`)).json.policy.aliases[0], "champion");
  });

  it("deleting the policy frees the alias again", async () => {
    assert.equal((await server.call("POST", `${CAIRN}/approval-policies/delete`, { name: "churn" })).status, 200);
    assert.deepEqual((await server.call("GET", `${CAIRN}/approval-policies/get?name=churn`)).json, {});
    assert.equal((await server.call("POST", `${MLFLOW}/registered-models/alias`, { name: "churn", alias: "champion", version: "3" })).status, 200);
    assert.equal((await server.call("POST", `${MLFLOW}/model-versions/transition-stage`, { name: "churn", version: "3", stage: "Production" })).status, 200);
  });
});
