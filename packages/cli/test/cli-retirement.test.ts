import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createClient, type CairnClient } from "@cairn/sdk";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";

describe("cairn policies, cairn models retire and cairn gc", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 5; i++) await client.registry.createModelVersion({ name: "churn", source: `s3://b/churn/${i}` });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "2" });
  });
  after(() => server.close());

  const stages = async () => {
    const page = await client.registry.searchModelVersions({ filter: "name = 'churn'", max_results: 100 });
    return new Map(page.model_versions.map((v) => [v.version, v.current_stage]));
  };

  it("creates and lists policies as a table and as JSON", async () => {
    assert.equal((await cairn("policies", "list")).stdout, "No retirement policies found.\n");
    const created = await cairn("policies", "create", "keep-3", "--model", "churn", "--keep-last", "3", "--schedule-hours", "24");
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout, "Created policy 'keep-3': archive versions of model 'churn' (keep last 3), every 24 hours. Preview it with: cairn policies run keep-3\n");
    const json = await cairn("policies", "create", "stale", "--model", "churn", "--unused-for-days", "90", "--action", "delete", "--json");
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout).days, 90);

    const rows = tableRows((await cairn("policies", "list")).stdout);
    assert.deepEqual(rows[0], ["NAME", "MODEL", "RULE", "ACTION", "SCHEDULE", "LAST RUN", "CREATED BY"]);
    assert.deepEqual(rows.slice(1).map((r) => r.slice(0, 6)), [
      ["keep-3", "churn", "keep last 3", "archive", "every 24h", "-"],
      ["stale", "churn", "unused 90 days", "delete", "manual", "-"],
    ]);
    const listed = JSON.parse((await cairn("policies", "list", "--model", "churn", "--json")).stdout);
    assert.deepEqual(listed.map((p: { name: string }) => p.name), ["keep-3", "stale"]);
  });

  it("runs a policy as a dry run, then applies it with --apply (also as models retire)", async () => {
    const dry = await cairn("policies", "run", "keep-3");
    assert.equal(dry.code, 0, dry.stderr);
    const lines = dry.stdout.trimEnd().split("\n");
    assert.deepEqual(tableRows(lines.slice(0, 2).join("\n")), [
      ["MODEL", "VERSION", "ACTION", "REASON"],
      ["churn", "1", "archive", "beyond the newest 3 versions"],
    ]);
    assert.equal(lines[2], "Dry run: 1 version would be archived. Run again with --apply to make the changes.");
    assert.equal((await stages()).get("1"), "None");

    const retire = await cairn("models", "retire", "--policy", "keep-3", "--json");
    assert.equal(retire.code, 0, retire.stderr);
    assert.equal(JSON.parse(retire.stdout).dry_run, true);

    const applied = await cairn("models", "retire", "--policy", "keep-3", "--apply");
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /\nArchived 1 version\.\n$/);
    assert.deepEqual([...(await stages()).entries()].sort(), [["1", "Archived"], ["2", "None"], ["3", "None"], ["4", "None"], ["5", "None"]]);
    assert.equal((await cairn("policies", "run", "keep-3", "--apply")).stdout, "Policy 'keep-3': no version was archived.\n");
    assert.equal((await cairn("policies", "run", "stale")).stdout, "Policy 'stale': no version would be deleted.\n");
    assert.notEqual(tableRows((await cairn("policies", "list")).stdout)[1]![5], "-", "the last run is shown");

    assert.equal((await cairn("policies", "delete", "stale")).stdout, "Deleted policy 'stale'.\n");
    assert.deepEqual(JSON.parse((await cairn("policies", "list", "--json")).stdout).map((p: { name: string }) => p.name), ["keep-3"]);
  });

  it("refuses bad command lines and reports server errors with their exit codes", async () => {
    const noRule = await cairn("policies", "create", "x", "--model", "churn");
    assert.equal(noRule.code, EXIT_USAGE);
    assert.match(noRule.stderr, /--unused-for-days <n> or --keep-last <n>/);
    const both = await cairn("policies", "create", "x", "--unused-for-days", "3", "--keep-last", "2");
    assert.equal(both.code, EXIT_USAGE);
    assert.match(both.stderr, /cannot be used with/);
    assert.equal((await cairn("policies", "create", "x", "--keep-last", "0")).code, EXIT_USAGE);
    assert.equal((await cairn("policies", "create", "x", "--keep-last", "2", "--action", "burn")).code, EXIT_USAGE);
    const unknownModel = await cairn("policies", "create", "x", "--model", "nope", "--keep-last", "2");
    assert.equal(unknownModel.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(unknownModel.stderr, /Registered model 'nope' does not exist/);
    const missing = await cairn("policies", "run", "missing");
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(missing.stderr, /Retirement policy 'missing' does not exist/);
    assert.equal((await cairn("models", "retire")).code, EXIT_USAGE);
    const age = await cairn("gc", "--older-than", "soon");
    assert.equal(age.code, EXIT_USAGE);
    assert.match(age.stderr, /30d, 12h or 2w/);
    assert.deepEqual(JSON.parse((await cairn("policies", "list", "--json")).stdout).map((p: { name: string }) => p.name), ["keep-3"]);
  });

  it("gc shows what goes with sizes in human units, and deletes only with --apply", async () => {
    assert.equal((await cairn("gc")).stdout, "No deleted runs older than 30d to remove.\n");
    const { run } = await client.runs.create({ experiment_id: "0" });
    await client.artifacts.putFile(run.info.artifact_uri, "model/weights.bin", new Uint8Array(1536));
    await client.runs.delete({ run_id: run.info.run_id });
    const elsewhere = (await client.runs.create({ experiment_id: await client.experiments.create({ name: "s3", artifact_location: "s3://bucket/p" }).then((e) => e.experiment_id) })).run;
    await client.runs.delete({ run_id: elsewhere.info.run_id });
    const dir = join(server.dataDir, "artifacts", "0", run.info.run_id);

    const dry = await cairn("gc", "--older-than", "0d");
    assert.equal(dry.code, 0, dry.stderr);
    const lines = dry.stdout.trimEnd().split("\n");
    assert.deepEqual(tableRows(lines.slice(0, 2).join("\n")), [
      ["RUN ID", "SIZE", "ARTIFACT URI"],
      [run.info.run_id, "1.5 KB", run.info.artifact_uri],
    ]);
    assert.equal(lines[2], "Skipped 1 run (they stay deleted):");
    assert.match(lines[3]!, new RegExp(`^  ${elsewhere.info.run_id}: its artifacts are at s3://bucket/p/`));
    assert.equal(lines[4], "Would free 1.5 KB from 1 run (dry run: add --apply to delete them).");
    assert.ok(existsSync(dir));

    const json = JSON.parse((await cairn("gc", "--older-than", "0h", "--json")).stdout);
    assert.deepEqual([json.dry_run, json.bytes_freed, json.skipped.length], [true, 1536, 1]);

    const applied = await cairn("gc", "--older-than", "0", "--apply");
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /\nFreed 1\.5 KB from 1 run; the runs are purged\.\n$/);
    assert.equal(existsSync(dir), false);
  });
});
