import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { AuditEntry, AuditVerification, CairnStore } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { openDialect } from "@cairn/store";
import { EXIT_CODES, EXIT_FAILURE, EXIT_USAGE } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";

const DAY = 86_400_000;

describe("cairn audit", () => {
  let server: EphemeralServer;
  let client: CairnClient;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let dir = "";
  before(async () => {
    server = await startEphemeralServer();
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    cairn = cairnAt(server.url);
    dir = mkdtempSync(join(tmpdir(), "cairn-cli-audit-"));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("list says so when there is nothing, then shows mutations as a table and JSON, filtered", async () => {
    const empty = await cairn("audit", "list");
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal(empty.stdout, "No audit entries found.\n");

    await client.registry.createRegisteredModel({ name: "churn" });
    await client.registry.createModelVersion({ name: "churn", source: "s3://b/churn/1" });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
    await client.registry.createRegisteredModel({ name: "churn2" });
    // An old entry, to be left out by --since.
    await (server.store as unknown as CairnStore).appendAudit([{ timestamp_ms: Date.now() - 30 * DAY, actor: "bob", action: "POST /old", resource: "models:/churn/9", request_id: "old", client: "10.0.0.1", summary: {} }]);

    const table = tableRows((await cairn("audit", "list", "--resource", "models:/churn", "--since", "7d")).stdout);
    assert.deepEqual(table[0], ["SEQ", "TIME", "ACTOR", "ACTION", "RESOURCE", "SUMMARY"]);
    assert.deepEqual(table.slice(1).map((r) => [r[0], r[2], r[4]]), [["3", "anonymous", "models:/churn/1"], ["2", "anonymous", "models:/churn"], ["1", "anonymous", "models:/churn"]]);
    assert.equal(table[1]![3], "POST /api/2.0/mlflow/registered-models/alias");
    assert.equal(table[1]![5], "alias=champion name=churn version=1");

    const json = await cairn("audit", "list", "--resource", "models:/churn", "--json");
    const entries = JSON.parse(json.stdout) as AuditEntry[];
    assert.deepEqual(entries.map((e) => e.seq), [5, 3, 2, 1]);
    assert.deepEqual(JSON.parse((await cairn("audit", "list", "--actor", "bob", "--json")).stdout).map((e: AuditEntry) => e.request_id), ["old"]);
    const cut = await cairn("audit", "list", "--max-results", "2", "--json");
    assert.deepEqual([JSON.parse(cut.stdout).length, /more match/.test(cut.stderr)], [2, true]);
    const dated = await cairn("audit", "list", "--until", new Date(Date.now() - DAY).toISOString().slice(0, 10), "--json");
    assert.deepEqual(JSON.parse(dated.stdout).map((e: AuditEntry) => e.request_id), ["old"]);
  });

  it("export writes JSON lines oldest first to stdout or a file, with a line on stderr", async () => {
    const out = await cairn("audit", "export");
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as AuditEntry);
    assert.deepEqual(lines.map((e) => e.seq), [1, 2, 3, 4, 5]);
    assert.equal(out.stderr, "Exported 5 audit entries.\n");

    const file = join(dir, "audit.jsonl");
    writeFileSync(file, "previous contents\n");
    const toFile = await cairn("audit", "export", "--since", "7d", "-o", file);
    assert.equal(toFile.code, 0, toFile.stderr);
    assert.deepEqual([toFile.stdout, toFile.stderr], ["", `Exported 4 audit entries to ${file}.\n`]);
    assert.deepEqual(readFileSync(file, "utf8").trimEnd().split("\n").map((l) => (JSON.parse(l) as AuditEntry).seq), [1, 2, 3, 4]);
    assert.equal(existsSync(`${file}.partial`), false);
  });

  it("export leaves an existing file alone when the server refuses", async () => {
    const file = join(dir, "kept.jsonl");
    writeFileSync(file, "kept\n");
    const refused = await cairn("audit", "export", "--since", "1000", "--until", "10", "-o", file);
    assert.equal(refused.code, EXIT_CODES.INVALID_PARAMETER_VALUE, refused.stderr);
    assert.match(refused.stderr, /must be later than since_ms/);
    assert.equal(readFileSync(file, "utf8"), "kept\n");
    assert.equal(existsSync(`${file}.partial`), false);
  });

  it("verify prints OK with the count and head hash, and the problems with exit status 1 after tampering", async () => {
    const ok = await cairn("audit", "verify");
    assert.equal(ok.code, 0, ok.stderr);
    const head = (await client.audit.verify()).head_hash;
    assert.equal(ok.stdout, `OK: 5 entries verified; head seq 5, hash ${head}\n`);

    const raw = await openDialect(`sqlite:///${join(server.dataDir, "cairn.db")}`);
    try {
      await sql`delete from audit_log where seq = 2`.execute(raw.db);
    } finally {
      await raw.db.destroy();
    }
    const bad = await cairn("audit", "verify");
    assert.equal(bad.code, EXIT_FAILURE);
    assert.match(bad.stdout, /^FAILED: 1 problem in 4 entries checked/);
    assert.match(bad.stdout, /seq 2 {2}missing {2}Entry 2 is missing/);
    assert.match(bad.stderr, /the audit log failed verification \(1 problem\)/);
    const json = await cairn("audit", "verify", "--json");
    assert.equal(json.code, EXIT_FAILURE);
    assert.deepEqual((JSON.parse(json.stdout) as AuditVerification).problems.map((p) => p.problem), ["missing"]);
  });

  it("rejects a time it cannot read as a usage error", async () => {
    const bad = await cairn("audit", "list", "--since", "last tuesday");
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.stderr, /expected an ISO time/);
  });
});
