import { it } from "node:test";
import assert from "node:assert/strict";
import { AUDIT_GENESIS_HASH, encodePageToken, type AuditEntry } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { auditInput } from "./audit-input.js";
import { openWithDb } from "./store-with-db.js";

describeEachDialect("audit log: append, list, filter, scan", (dialect) => {
  it("appends a chain from the genesis hash, returns stored entries and lists them newest first", async () => {
    const store = await dialect.open();
    assert.deepEqual(await store.appendAudit([]), []);
    const [first, second] = await store.appendAudit([
      auditInput({ summary: { version: "7", name: "churn", nested: { b: 2, a: 1 } } }),
      auditInput({ timestamp_ms: 2_000, actor: "bob", resource: "models:/churn/7", request_id: "req-2" }),
    ]);
    assert.equal(first!.seq, 1);
    assert.equal(first!.prev_hash, AUDIT_GENESIS_HASH);
    assert.match(first!.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual([second!.seq, second!.prev_hash], [2, first!.hash]);
    assert.notEqual(first!.hash, second!.hash);
    const [third] = await store.appendAudit([auditInput({ timestamp_ms: 3_000 })]);
    assert.deepEqual([third!.seq, third!.prev_hash], [3, second!.hash]);

    const { entries, next_page_token } = await store.listAudit({});
    assert.equal(next_page_token, undefined);
    assert.deepEqual(entries.map((e) => e.seq), [3, 2, 1]);
    assert.deepEqual(entries[2], first);
    assert.deepEqual(entries[2]!.summary, { name: "churn", nested: { a: 1, b: 2 }, version: "7" });
    assert.deepEqual(
      [entries[1]!.actor, entries[1]!.action, entries[1]!.resource, entries[1]!.request_id, entries[1]!.client, entries[1]!.timestamp_ms],
      ["bob", "POST /api/2.0/mlflow/registered-models/create", "models:/churn/7", "req-2", "127.0.0.1", 2_000],
    );
  });

  it("filters by resource prefix on whole path segments, actor, action and time", async () => {
    const store = await dialect.open();
    const resources = ["models:/churn", "models:/churn/7", "models:/churn2", "models:/churn2/1", "models:/a_b/1", "models:/axb/1", "models:/100%/1", "experiments:/1", "server"];
    await store.appendAudit(resources.map((resource, i) => auditInput({ resource, timestamp_ms: 1_000 * (i + 1), actor: i % 2 ? "bob" : "alice", action: i < 3 ? "POST /a" : "DELETE /b" })));
    const list = async (query: Parameters<typeof store.listAudit>[0]) => (await store.listAudit(query)).entries.map((e) => e.resource).reverse();

    assert.deepEqual(await list({ resource: "models:/churn" }), ["models:/churn", "models:/churn/7"]);
    assert.deepEqual(await list({ resource: "models:/churn/7" }), ["models:/churn/7"]);
    assert.deepEqual(await list({ resource: "models:/churn2" }), ["models:/churn2", "models:/churn2/1"]);
    // LIKE's wildcards in a name are literal characters.
    assert.deepEqual(await list({ resource: "models:/a_b" }), ["models:/a_b/1"]);
    assert.deepEqual(await list({ resource: "models:/100%" }), ["models:/100%/1"]);
    assert.deepEqual(await list({ resource: "models:/" }), resources.filter((r) => r.startsWith("models:/")));
    assert.deepEqual(await list({ resource: "models:/chu" }), []);
    assert.deepEqual(await list({ resource: "server" }), ["server"]);
    assert.deepEqual(await list({ actor: "bob" }), resources.filter((_r, i) => i % 2));
    assert.deepEqual(await list({ action: "POST /a" }), resources.slice(0, 3));
    assert.deepEqual(await list({ action: "POST" }), []);
    assert.deepEqual(await list({ since_ms: 2_000, until_ms: 4_000 }), resources.slice(1, 3));
    assert.deepEqual(await list({ resource: "models:/churn", actor: "alice", since_ms: 1_000 }), ["models:/churn"]);
    assert.deepEqual(await list({ resource: "" }), resources);
  });

  it("pages newest first with stable keyset tokens, even while entries are appended", async () => {
    const store = await dialect.open();
    await store.appendAudit(Array.from({ length: 5 }, (_, i) => auditInput({ request_id: `r${i + 1}` })));
    const first = await store.listAudit({ max_results: 2 });
    assert.deepEqual(first.entries.map((e) => e.seq), [5, 4]);
    assert.ok(first.next_page_token);
    await store.appendAudit([auditInput({ request_id: "late" })]);
    const second = await store.listAudit({ max_results: 2, page_token: first.next_page_token });
    assert.deepEqual(second.entries.map((e) => e.seq), [3, 2]);
    const third = await store.listAudit({ max_results: 2, page_token: second.next_page_token });
    assert.deepEqual([third.entries.map((e) => e.seq), third.next_page_token], [[1], undefined]);
    const exact = await store.listAudit({ max_results: 6 });
    assert.deepEqual([exact.entries.length, exact.next_page_token], [6, undefined]);
    const filtered = await store.listAudit({ max_results: 1, actor: "alice", page_token: encodePageToken({ before_seq: 2 }) });
    assert.deepEqual(filtered.entries.map((e) => e.seq), [1]);
  });

  it("rejects bad pages, ranges and tokens with INVALID_PARAMETER_VALUE", async () => {
    const store = await dialect.open();
    await expectCode(store.listAudit({ max_results: 0 }), "INVALID_PARAMETER_VALUE", /max_results must be an integer from 1 to 1000/);
    await expectCode(store.listAudit({ max_results: 1001 }), "INVALID_PARAMETER_VALUE", /max_results/);
    await expectCode(store.listAudit({ page_token: "garbage" }), "INVALID_PARAMETER_VALUE", /Invalid page token/);
    await expectCode(store.listAudit({ page_token: encodePageToken({ offset: 3 }) }), "INVALID_PARAMETER_VALUE", /Invalid page token/);
    await expectCode(store.listAudit({ since_ms: 5, until_ms: 5 }), "INVALID_PARAMETER_VALUE", /until_ms \(5\) must be later than since_ms \(5\)/);
    await expectCode(store.listAudit({ since_ms: 1.5 }), "INVALID_PARAMETER_VALUE", /since_ms must be an integer/);
    await expectCode(store.scanAudit({ after_seq: -1 }), "INVALID_PARAMETER_VALUE", /after_seq/);
    await expectCode(store.scanAudit({ limit: 1001 }), "INVALID_PARAMETER_VALUE", /limit/);
  });

  it("rejects malformed entries and writes none of the batch", async () => {
    const store = await dialect.open();
    await expectCode(store.appendAudit([auditInput(), auditInput({ resource: "" })]), "INVALID_PARAMETER_VALUE", /Audit entry 1: resource must be a non-empty string/);
    await expectCode(store.appendAudit([auditInput({ timestamp_ms: -1 })]), "INVALID_PARAMETER_VALUE", /timestamp_ms/);
    await expectCode(store.appendAudit([auditInput({ summary: [] as never })]), "INVALID_PARAMETER_VALUE", /summary must be a JSON object/);
    assert.deepEqual((await store.listAudit({})).entries, []);
    const verification = await store.verifyAudit();
    assert.deepEqual([verification.ok, verification.head_seq, verification.head_hash], [true, 0, AUDIT_GENESIS_HASH]);
  });

  it("scans oldest first in slices, with a time range", async () => {
    const store = await dialect.open();
    await store.appendAudit(Array.from({ length: 7 }, (_, i) => auditInput({ timestamp_ms: 1_000 * (i + 1) })));
    const seen: number[] = [];
    let after: number | undefined = 0;
    let slices = 0;
    while (after !== undefined) {
      const page = await store.scanAudit({ after_seq: after, limit: 3 });
      seen.push(...page.entries.map((e) => e.seq));
      after = page.next_after_seq;
      slices++;
    }
    assert.deepEqual([seen, slices], [[1, 2, 3, 4, 5, 6, 7], 3]);
    const ranged = await store.scanAudit({ since_ms: 2_000, until_ms: 5_000 });
    assert.deepEqual([ranged.entries.map((e) => e.seq), ranged.next_after_seq], [[2, 3, 4], undefined]);
    const all = await store.scanAudit({});
    assert.deepEqual(all.entries.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7]);
  });
});

describeEachDialect("audit log: chain integrity", (dialect) => {
  it("verifies an empty log and an intact one", async () => {
    const store = await dialect.open();
    assert.deepEqual(await store.verifyAudit(), { ok: true, entries_checked: 0, head_seq: 0, head_hash: AUDIT_GENESIS_HASH, problems: [] });
    const stored = await store.appendAudit(Array.from({ length: 1_203 }, (_, i) => auditInput({ request_id: `r${i}` })));
    assert.deepEqual(await store.verifyAudit(), { ok: true, entries_checked: 1_203, head_seq: 1_203, head_hash: stored.at(-1)!.hash, problems: [] });
  });

  it("never forks the chain under concurrent appends (on PostgreSQL also from two replicas)", async (t) => {
    const db = await openWithDb(dialect);
    t.after(() => db.close());
    // Two SQLite connections in one thread would block each other's event loop in the busy
    // handler; SQLite deployments are one server process, whose writes Kysely serializes.
    const replica = dialect.name === "postgres" ? await db.replica() : db.store;
    const writes: Promise<AuditEntry[]>[] = [];
    for (let i = 0; i < 60; i++) {
      const store = i % 2 ? replica : db.store;
      writes.push(store.appendAudit(Array.from({ length: 1 + (i % 3) }, (_, j) => auditInput({ request_id: `w${i}-${j}` }))));
    }
    const batches = await Promise.all(writes);
    const total = batches.reduce((n, b) => n + b.length, 0);
    const seqs = batches.flat().map((e) => e.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: total }, (_, i) => i + 1));
    for (const batch of batches) {
      // A batch's entries are consecutive: one transaction each.
      assert.deepEqual(batch.map((e) => e.seq), batch.map((_e, i) => batch[0]!.seq + i));
    }
    const verification = await db.store.verifyAudit();
    assert.deepEqual([verification.ok, verification.entries_checked, verification.head_seq, verification.problems], [true, total, total, []]);
  });

  it("finds an entry whose summary was updated in the database", async (t) => {
    const db = await openWithDb(dialect);
    t.after(() => db.close());
    await db.store.appendAudit(Array.from({ length: 5 }, () => auditInput()));
    await db.exec(`update audit_log set summary_json = '{"name":"other"}' where seq = 3`);
    const verification = await db.store.verifyAudit();
    assert.equal(verification.ok, false);
    assert.equal(verification.entries_checked, 5);
    assert.deepEqual(verification.problems.map((p) => [p.seq, p.problem]), [[3, "modified"]]);
    assert.match(verification.problems[0]!.message, /Entry 3's contents do not match its hash/);
  });

  it("finds a deleted middle entry", async (t) => {
    const db = await openWithDb(dialect);
    t.after(() => db.close());
    await db.store.appendAudit(Array.from({ length: 5 }, () => auditInput()));
    await db.exec("delete from audit_log where seq = 2");
    const verification = await db.store.verifyAudit();
    assert.equal(verification.ok, false);
    assert.deepEqual(verification.problems.map((p) => [p.seq, p.problem]), [[2, "missing"]]);
    assert.match(verification.problems[0]!.message, /Entry 2 is missing/);
    await db.exec("delete from audit_log where seq in (3, 4)");
    const more = await db.store.verifyAudit();
    assert.deepEqual([more.entries_checked, more.problems.map((p) => [p.seq, p.problem])], [2, [[2, "missing"]]]);
    assert.match(more.problems[0]!.message, /Entries 2-4 are missing/);
  });

  it("finds the newest entries deleted, through the head", async (t) => {
    const db = await openWithDb(dialect);
    t.after(() => db.close());
    const stored = await db.store.appendAudit(Array.from({ length: 5 }, () => auditInput()));
    await db.exec("delete from audit_log where seq = 5");
    const verification = await db.store.verifyAudit();
    assert.deepEqual(
      [verification.ok, verification.entries_checked, verification.head_seq, verification.head_hash, verification.problems.map((p) => [p.seq, p.problem])],
      [false, 4, 5, stored[4]!.hash, [[5, "head_mismatch"]]],
    );
    assert.match(verification.problems[0]!.message, /the log ends at 4: Entry 5 is missing/);
  });

  it("finds an entry rewritten with a recomputed hash by the broken link after it, and a rewritten last entry by the head", async (t) => {
    const db = await openWithDb(dialect);
    t.after(() => db.close());
    const stored = await db.store.appendAudit(Array.from({ length: 4 }, () => auditInput()));
    // A forger who recomputes entry 2's hash still cannot make entry 3 point at it.
    await db.exec(`update audit_log set hash = '${"f".repeat(64)}', actor = 'mallory' where seq = 2`);
    const linked = await db.store.verifyAudit();
    assert.deepEqual(linked.problems.map((p) => [p.seq, p.problem]), [[2, "modified"], [3, "broken_link"]]);
    await db.exec(`update audit_log set hash = '${stored[1]!.hash}', actor = 'alice' where seq = 2`);
    assert.equal((await db.store.verifyAudit()).ok, true);
    await db.exec(`update audit_log set hash = '${"e".repeat(64)}' where seq = 4`);
    const last = await db.store.verifyAudit();
    assert.deepEqual(last.problems.map((p) => [p.seq, p.problem]), [[4, "modified"], [4, "head_mismatch"]]);
  });

  it("refuses to append over entries a head moved back by hand would collide with, writing nothing", async (t) => {
    const db = await openWithDb(dialect);
    t.after(() => db.close());
    await db.store.appendAudit(Array.from({ length: 3 }, () => auditInput()));
    await db.exec("update audit_head set seq = 1 where id = 1");
    await expectCode(db.store.appendAudit([auditInput({ actor: "next" })]), "INTERNAL_ERROR", /audit_log already holds entry 2, beyond what audit_head records/);
    assert.deepEqual((await db.store.listAudit({ actor: "next" })).entries, []);
    await db.exec("delete from audit_head");
    await expectCode(db.store.appendAudit([auditInput()]), "INTERNAL_ERROR", /audit_head row \(id 1\) is missing/);
    const verification = await db.store.verifyAudit();
    assert.deepEqual([verification.ok, verification.problems.map((p) => p.problem)], [false, ["head_mismatch"]]);
  });
});
