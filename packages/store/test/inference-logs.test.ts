import { it } from "node:test";
import assert from "node:assert/strict";
import type { InferenceRecord, InferenceRecordInput } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

/** A record with deterministic, distinct values for index i. */
function record(i: number, overrides: Partial<InferenceRecordInput> = {}): InferenceRecordInput {
  return {
    request_id: `req-${i}`,
    deployment: i % 2 === 0 ? "churn-prod" : "fraud-prod",
    model_name: i % 2 === 0 ? "churn" : "fraud",
    model_version: String(1 + (i % 3)),
    timestamp_ms: 1_000_000 + i * 10,
    latency_ms: 0.5 + i / 100,
    inputs: { age: [30 + i], plan: ["gold"], nested: { ok: true } },
    outputs: [[i / 10]],
    status_code: 200,
    ...overrides,
  };
}

/** What the store should hand back for an input record (computed independently of the store). */
function expected(r: InferenceRecordInput, label?: { label: unknown; at: number }): InferenceRecord {
  return {
    request_id: r.request_id,
    ...(r.deployment ? { deployment: r.deployment } : {}),
    model_name: r.model_name,
    model_version: String(Number(r.model_version)),
    timestamp_ms: r.timestamp_ms,
    latency_ms: r.latency_ms,
    inputs: r.inputs,
    outputs: r.outputs,
    shadow: r.shadow === true,
    ...(r.status_code === undefined || r.status_code === null ? {} : { status_code: r.status_code }),
    ...(label ? { label: label.label, label_timestamp_ms: label.at } : {}),
  };
}

describeEachDialect("inference logs: ingest", (dialect) => {
  it("stores a batch and hands every field back, newest first", async () => {
    const store = await dialect.open();
    const batch = Array.from({ length: 30 }, (_, i) => record(i));
    assert.deepEqual(await store.logInferences(batch), { accepted: 30, duplicates: 0 });
    const { records } = await store.searchInferenceLogs({});
    assert.deepEqual(records, batch.map((r) => expected(r)).reverse());
    // JSON values of every kind survive, and optional fields may be null.
    const odd = record(99, { inputs: null, outputs: "text", deployment: null, status_code: null, shadow: true, model_version: "7" });
    // Characters that PostgreSQL's array literals and SQL quoting treat specially, and non-ASCII text.
    const tricky = record(98, { request_id: `q"u,o{t}e\\s'`, inputs: { s: 'a "quote", a \\ backslash, {braces}, NULL', u: "ü—🙂" }, outputs: ["NULL", null, ""] });
    await store.logInferences([odd, tricky]);
    assert.deepEqual((await store.getInferenceLogs("req-99")).records, [expected(odd)]);
    assert.deepEqual((await store.getInferenceLogs(tricky.request_id)).records, [expected(tricky)]);
  });

  it("is idempotent: a resent batch, or a batch repeating a record, stores each record once", async () => {
    const store = await dialect.open();
    const batch = Array.from({ length: 10 }, (_, i) => record(i));
    await store.logInferences(batch);
    assert.deepEqual(await store.logInferences(batch), { accepted: 10, duplicates: 10 });
    // The same request answered by the shadow model is a different record; a repeat inside one batch is not.
    const shadowOf3 = { ...record(3), shadow: true, model_version: "9" };
    assert.deepEqual(await store.logInferences([shadowOf3, shadowOf3, record(10), record(4)]), { accepted: 4, duplicates: 2 });
    assert.equal((await store.searchInferenceLogs({})).records.length, 12);
    assert.deepEqual((await store.getInferenceLogs("req-3")).records.map((r) => [r.shadow, r.model_version]), [[false, "1"], [true, "9"]]);
  });

  it("validates the whole batch first: one bad record rejects the batch and stores nothing", async () => {
    const store = await dialect.open();
    const cases: [Partial<InferenceRecordInput> | "drop-inputs", RegExp][] = [
      [{ request_id: "" }, /records\[2\]\.request_id/],
      [{ request_id: "r".repeat(257) }, /records\[2\]\.request_id' is 257 characters/],
      [{ model_name: "" }, /records\[2\]\.model_name/],
      [{ model_version: "v1" }, /records\[2\]\.model_version.*positive integers/],
      [{ timestamp_ms: -5 }, /records\[2\]\.timestamp_ms/],
      [{ timestamp_ms: 1.5 }, /records\[2\]\.timestamp_ms/],
      [{ latency_ms: -1 }, /records\[2\]\.latency_ms/],
      [{ status_code: 42 }, /records\[2\]\.status_code/],
      [{ deployment: "bad name" }, /Invalid deployment name/],
      ["drop-inputs", /records\[2\]\.inputs/],
    ];
    for (const [change, message] of cases) {
      const bad = change === "drop-inputs" ? (({ inputs: _i, ...rest }) => rest)(record(2)) : record(2, change);
      await expectCode(store.logInferences([record(0), record(1), bad as InferenceRecordInput, record(3)]), "INVALID_PARAMETER_VALUE", message);
    }
    const tooMany = Array.from({ length: 1001 }, (_, i) => record(i));
    await expectCode(store.logInferences(tooMany), "INVALID_PARAMETER_VALUE", /at most 1000 inference records; got 1001/);
    assert.deepEqual((await store.searchInferenceLogs({})).records, []);
    assert.deepEqual(await store.logInferences(tooMany.slice(0, 1000)), { accepted: 1000, duplicates: 0 });
  });
});

describeEachDialect("inference logs: labels and search", (dialect) => {
  it("attaches labels to every record of a request and reports unknown request ids", async () => {
    let now = 5_000_000;
    const store = await dialect.open({ clock: () => now });
    await store.logInferences([record(1), { ...record(1), shadow: true, model_version: "2" }, record(2), record(3)]);
    const result = await store.attachInferenceLabels([
      { request_id: "req-1", label: { churned: true } },
      { request_id: "req-2", label: 0, timestamp_ms: 4_000_000 },
      { request_id: "sampled-out", label: 1 },
    ]);
    assert.deepEqual(result, { updated: 3, unknown_request_ids: ["sampled-out"] });
    const one = (await store.getInferenceLogs("req-1")).records;
    assert.deepEqual(one.map((r) => [r.shadow, r.label, r.label_timestamp_ms]), [[false, { churned: true }, now], [true, { churned: true }, now]]);
    assert.deepEqual((await store.getInferenceLogs("req-2")).records, [expected(record(2), { label: 0, at: 4_000_000 })]);
    // A later label replaces the earlier one.
    now += 1;
    await store.attachInferenceLabels([{ request_id: "req-2", label: null }]);
    assert.deepEqual((await store.getInferenceLogs("req-2")).records[0]!.label, null);
    assert.equal((await store.getInferenceLogs("req-2")).records[0]!.label_timestamp_ms, now);

    await expectCode(store.attachInferenceLabels([{ request_id: "req-3", label: 1 }, { request_id: "req-3", label: 2 }]), "INVALID_PARAMETER_VALUE", /labels\[0\] and labels\[1\] both label request 'req-3'/);
    await expectCode(store.attachInferenceLabels([{ request_id: "req-3", label: 1 }, { request_id: "req-1" } as never]), "INVALID_PARAMETER_VALUE", /labels\[1\]\.label/);
    await expectCode(store.attachInferenceLabels(Array.from({ length: 1001 }, (_, i) => ({ request_id: `r${i}`, label: 1 }))), "INVALID_PARAMETER_VALUE", /at most 1000 labels/);
    assert.equal((await store.getInferenceLogs("req-3")).records[0]!.label, undefined);
    assert.deepEqual((await store.getInferenceLogs("never")).records, []);
  });

  it("filters by deployment, model version, time window and labels, in keyset pages newest first", async () => {
    const store = await dialect.open();
    const all = Array.from({ length: 60 }, (_, i) => record(i));
    // Two records share a timestamp, so paging must break ties without losing either.
    all.push(record(60, { timestamp_ms: all[40]!.timestamp_ms }));
    await store.logInferences(all);
    await store.attachInferenceLabels([{ request_id: "req-4", label: 1 }, { request_id: "req-10", label: 0 }]);
    const newestFirst = (rs: InferenceRecordInput[]) => [...rs].sort((a, b) => b.timestamp_ms - a.timestamp_ms || Number(b.request_id.slice(4)) - Number(a.request_id.slice(4))).map((r) => r.request_id);
    const ids = async (input: Parameters<typeof store.searchInferenceLogs>[0]) => (await store.searchInferenceLogs(input)).records.map((r) => r.request_id);

    assert.deepEqual(await ids({ deployment: "churn-prod" }), newestFirst(all.filter((r) => r.deployment === "churn-prod")));
    assert.deepEqual(await ids({ model_name: "fraud", model_version: "2" }), newestFirst(all.filter((r) => r.model_name === "fraud" && r.model_version === "2")));
    const [start, end] = [all[10]!.timestamp_ms, all[20]!.timestamp_ms];
    assert.deepEqual(await ids({ deployment: "churn-prod", start_time_ms: start, end_time_ms: end }), newestFirst(all.filter((r) => r.deployment === "churn-prod" && r.timestamp_ms >= start && r.timestamp_ms < end)));
    assert.deepEqual(await ids({ labeled: true }), ["req-10", "req-4"]);
    assert.equal((await ids({ labeled: false })).length, 59);

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.searchInferenceLogs({ max_results: 7, ...(token ? { page_token: token } : {}) });
      seen.push(...page.records.map((r) => r.request_id));
      token = page.next_page_token;
      pages++;
    } while (token);
    assert.deepEqual(seen, newestFirst(all));
    assert.equal(pages, 9);

    await expectCode(store.searchInferenceLogs({ max_results: 10_001 }), "INVALID_PARAMETER_VALUE", /1 to 10000/);
    await expectCode(store.searchInferenceLogs({ start_time_ms: 10, end_time_ms: 10 }), "INVALID_PARAMETER_VALUE", /end_time_ms \(10\) must be after start_time_ms/);
    await expectCode(store.searchInferenceLogs({ model_version: "x" }), "INVALID_PARAMETER_VALUE", /model_version/);
    await expectCode(store.searchInferenceLogs({ page_token: "bm90IGEgY3Vyc29y" }), "INVALID_PARAMETER_VALUE", /page token/);
    await expectCode(store.getInferenceLogs(""), "INVALID_PARAMETER_VALUE", /request_id/);
  });
});
