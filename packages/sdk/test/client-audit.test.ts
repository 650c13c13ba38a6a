import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { sql } from "kysely";
import { isCairnError, type AuditEntry, type CairnStore } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { openDialect } from "@cairn/store";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("client.audit against a real server", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
  });
  after(() => server.close());

  it("lists the entries of SDK mutations, filtered and paged, newest first", async () => {
    await client.registry.createRegisteredModel({ name: "churn" });
    await client.registry.createModelVersion({ name: "churn", source: "s3://b/churn/1" });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
    await client.registry.createRegisteredModel({ name: "churn2" });

    const all = await client.audit.list();
    assert.deepEqual(all.entries.map((e) => e.resource), ["models:/churn2", "models:/churn/1", "models:/churn", "models:/churn"]);
    assert.equal(all.next_page_token, undefined);
    const alias = all.entries[1]!;
    assert.deepEqual([alias.actor, alias.action, alias.summary], ["anonymous", "POST /api/2.0/mlflow/registered-models/alias", { alias: "champion", name: "churn", version: "1" }]);

    const churn = await client.audit.list({ resource: "models:/churn" });
    assert.deepEqual(churn.entries.map((e) => e.seq), [3, 2, 1]);
    const first = await client.audit.list({ resource: "models:/churn", max_results: 2 });
    const second = await client.audit.list({ resource: "models:/churn", max_results: 2, page_token: first.next_page_token });
    assert.deepEqual([first.entries.map((e) => e.seq), second.entries.map((e) => e.seq), second.next_page_token], [[3, 2], [1], undefined]);
    assert.deepEqual((await client.audit.list({ actor: "bob" })).entries, []);
  });

  it("verifies the chain and exports it line by line across many pages", async () => {
    // Enough entries for several export slices (1000 each) and many network chunks.
    const store = server.store as unknown as CairnStore;
    for (let i = 0; i < 3; i++) {
      await store.appendAudit(Array.from({ length: 1000 }, (_, j) => ({ timestamp_ms: 5_000 + i * 1000 + j, actor: "bulk", action: "POST /x", resource: `server`, request_id: `b${i}-${j}`, client: "127.0.0.1", summary: { note: "é✓" } })));
    }
    const verification = await client.audit.verify();
    assert.deepEqual([verification.ok, verification.entries_checked, verification.head_seq, verification.problems], [true, 3004, 3004, []]);
    assert.match(verification.head_hash, /^[0-9a-f]{64}$/);

    const lines = await collect(client.audit.exportLines());
    assert.equal(lines.length, 3004);
    const entries = lines.map((l) => JSON.parse(l) as AuditEntry);
    assert.deepEqual(entries.map((e) => e.seq), Array.from({ length: 3004 }, (_, i) => i + 1));
    assert.equal(entries.at(-1)!.hash, verification.head_hash);
    assert.deepEqual(entries[10]!.summary, { note: "é✓" });
    const ranged = await collect(client.audit.exportLines({ since_ms: 5_000, until_ms: 5_010 }));
    assert.deepEqual(ranged.map((l) => (JSON.parse(l) as AuditEntry).request_id), Array.from({ length: 10 }, (_, j) => `b0-${j}`));
  });

  it("reports tampering found by verify, and bad input as the server's coded errors", async () => {
    const raw = await openDialect(`sqlite:///${join(server.dataDir, "cairn.db")}`);
    try {
      await sql`update audit_log set summary_json = '{"name":"forged"}' where seq = 2`.execute(raw.db);
    } finally {
      await raw.db.destroy();
    }
    const verification = await client.audit.verify();
    assert.equal(verification.ok, false);
    assert.deepEqual(verification.problems.map((p) => [p.seq, p.problem]), [[2, "modified"]]);

    const invalid = (error: unknown) => isCairnError(error) && error.code === "INVALID_PARAMETER_VALUE";
    await assert.rejects(client.audit.list({ max_results: 0 }), invalid);
    await assert.rejects(collect(client.audit.exportLines({ since_ms: 10, until_ms: 5 })), (error: unknown) => invalid(error) && /must be later than since_ms/.test((error as Error).message));
  });
});
