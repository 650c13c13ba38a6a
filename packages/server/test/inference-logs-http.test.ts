import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestServer, type TestServer } from "./harness.js";

const API = "/api/2.0/cairn/inference-logs";

/** A record as a serving process sends it. */
const record = (i: number, extra: Record<string, unknown> = {}) => ({
  request_id: `r-${i}`,
  deployment: "churn-prod",
  model_name: "churn",
  model_version: "3",
  timestamp_ms: 1_700_000_000_000 + i,
  latency_ms: 1.25,
  inputs: { columns: ["age", "plan"], data: [[40 + i, "gold"]] },
  outputs: { predictions: [i % 2] },
  shadow: false,
  status_code: 200,
  ...extra,
});

describe("inference logs over HTTP", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ clock: () => 1_800_000_000_000 });
  });
  after(() => server.close());

  const count = async () => (await server.call("GET", `${API}/search?max_results=10000`)).json.records?.length ?? 0;

  it("accepts a batch of 1000, ignores it when resent, and refuses 1001 without storing any", async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => record(i));
    const first = await server.call("POST", API, { records: batch });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json, { accepted: 1000, duplicates: 0 });
    assert.deepEqual((await server.call("POST", API, { records: batch })).json, { accepted: 1000, duplicates: 1000 });
    assert.equal(await count(), 1000);

    const tooMany = await server.call("POST", API, { records: Array.from({ length: 1001 }, (_, i) => record(5000 + i)) });
    assert.deepEqual([tooMany.status, tooMany.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.match(tooMany.json.message, /at most 1000 inference records; got 1001\. Split them/);
    assert.equal(await count(), 1000);
  });

  it("refuses a batch with one bad record, naming it, and stores none of the batch", async () => {
    const before = await count();
    const cases: [unknown, RegExp][] = [
      [{ records: [record(9001), record(9002, { timestamp_ms: "yesterday" })] }, /records\[1\]\.timestamp_ms/],
      [{ records: [record(9001), record(9002, { model_version: "latest" })] }, /records\[1\]\.model_version/],
      [{ records: [record(9001), (({ outputs: _o, ...r }) => r)(record(9002))] }, /Missing value for required parameter 'records\[1\]\.outputs'/],
      [{ records: [record(9001), record(9002, { shadow: "maybe" })] }, /records\[1\]\.shadow/],
      [{ records: [record(9001), record(9002, { request_id: "" })] }, /records\[1\]\.request_id/],
      [{ rows: [] }, /Missing value for required parameter 'records'/],
    ];
    for (const [body, message] of cases) {
      const r = await server.call("POST", API, body);
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(Object.keys(r.json).sort(), ["error_code", "message"]);
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
      assert.match(r.json.message, message);
    }
    assert.equal(await count(), before);
    // Optional fields may be null, as a serving process without a deployment sends them.
    const loose = await server.call("POST", API, { records: [record(9003, { deployment: null, status_code: null, shadow: true })] });
    assert.deepEqual(loose.json, { accepted: 1, duplicates: 0 });
    const got = (await server.call("GET", `${API}/get?request_id=r-9003`)).json.records;
    assert.deepEqual([got[0].deployment, got[0].status_code, got[0].shadow], [undefined, undefined, true]);
  });

  it("labels, searches and gets records; the mirror serves the same routes", async () => {
    const labels = await server.call("POST", `${API}/labels`, { labels: [{ request_id: "r-7", label: { churned: true } }, { request_id: "r-8", label: 0 }, { request_id: "sampled-out", label: 1 }] });
    assert.deepEqual(labels.json, { updated: 2, unknown_request_ids: ["sampled-out"] });
    const labeled = await server.call("GET", `${API}/search?labeled=true&deployment=churn-prod`);
    assert.deepEqual(labeled.json.records.map((r: { request_id: string; label: unknown; label_timestamp_ms: number }) => [r.request_id, r.label, r.label_timestamp_ms]), [
      ["r-8", 0, 1_800_000_000_000],
      ["r-7", { churned: true }, 1_800_000_000_000],
    ]);
    const window = await server.call("GET", `${API}/search?deployment=churn-prod&model_name=churn&model_version=3&start_time_ms=1700000000010&end_time_ms=1700000000013`);
    assert.deepEqual(window.json.records.map((r: { request_id: string }) => r.request_id), ["r-12", "r-11", "r-10"]);
    assert.deepEqual(window.json.records[0], record(12));

    const page = await server.call("GET", `${API}/search?deployment=churn-prod&max_results=600`);
    assert.equal(page.json.records.length, 600);
    const rest = await server.call("GET", `/ajax-api/2.0/cairn/inference-logs/search?deployment=churn-prod&max_results=600&page_token=${encodeURIComponent(page.json.next_page_token)}`);
    assert.deepEqual([rest.json.records.length, rest.json.next_page_token], [400, undefined]);
    assert.deepEqual(new Set([...page.json.records, ...rest.json.records].map((r: { request_id: string }) => r.request_id)).size, 1000);

    const one = await server.call("GET", `${API}/get?request_id=r-7`);
    assert.deepEqual(one.json.records, [{ ...record(7), label: { churned: true }, label_timestamp_ms: 1_800_000_000_000 }]);
    assert.deepEqual((await server.call("GET", `${API}/get?request_id=unknown`)).json, { records: [] });

    for (const [path, message] of [
      ["/search?max_results=10001", /max_results/],
      ["/search?labeled=perhaps", /labeled/],
      ["/search?start_time_ms=5&end_time_ms=4", /must be after start_time_ms/],
      ["/get", /Missing value for required parameter 'request_id'/],
    ] as const) {
      const r = await server.call("GET", `${API}${path}`);
      assert.deepEqual([r.status, r.json.error_code], [400, "INVALID_PARAMETER_VALUE"], r.text);
      assert.match(r.json.message, message);
    }
    const dup = await server.call("POST", `${API}/labels`, { labels: [{ request_id: "r-1", label: 1 }, { request_id: "r-1", label: 0 }] });
    assert.deepEqual([dup.status, dup.json.error_code], [400, "INVALID_PARAMETER_VALUE"]);
    assert.equal((await server.call("GET", `${API}/get?request_id=r-1`)).json.records[0].label, undefined);
  });
});
