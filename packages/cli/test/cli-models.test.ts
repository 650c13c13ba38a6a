import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelVersion, RegisteredModel } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { nodeLocalFiles } from "@cairn/sdk/node";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("cairn models", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let client: CairnClient;
  let work: string;
  let runId: string;
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    client = createClient({ trackingUri: server.url, maxRetries: 0, localFiles: nodeLocalFiles() });
    work = await mkdtemp(join(tmpdir(), "cairn-cli-models-"));
    await mkdir(join(work, "model"), { recursive: true });
    await writeFile(join(work, "model", "MLmodel"), "flavors: {}\n");
    runId = await client.withRun({ experiment: "cli-models", flushIntervalMs: 0 }, async (run) => {
      await run.logArtifact(join(work, "model"));
      return run.runId;
    });
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("register creates the model and numbered versions; --json prints the version", async () => {
    const first = await cairn("models", "register", "churn", "--source", `runs:/${runId}/model`, "--run", runId);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `Registered 'churn' version 1 from runs:/${runId}/model.\n`);
    const second = await cairn("models", "register", "churn", "--source", `runs:/${runId}/model`, "--tag", "by=cli", "--json");
    const version = JSON.parse(second.stdout) as ModelVersion;
    assert.equal(version.version, "2");
    assert.deepEqual(version.tags, [{ key: "by", value: "cli" }]);
    assert.equal((await cairn("models", "register", "x")).code, EXIT_USAGE);
  });

  it("alias sets and deletes; versions shows aliases and stages", async () => {
    const set = await cairn("models", "alias", "churn", "champion", "1");
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, "Alias 'champion' of 'churn' now points at version 1.\n");
    await cairn("models", "alias", "churn", "temp", "2");
    const del = await cairn("models", "alias", "churn", "temp", "--delete");
    assert.equal(del.stdout, "Deleted alias 'temp' of 'churn'.\n");
    const moved = await cairn("models", "transition", "churn", "2", "production", "--archive-existing");
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal(moved.stdout, "'churn' version 2 is now in stage Production.\n");
    const json = await cairn("models", "transition", "churn", "1", "Staging", "--json");
    assert.equal((JSON.parse(json.stdout) as ModelVersion).current_stage, "Staging");

    const human = await cairn("models", "versions", "churn");
    assert.equal(human.code, 0, human.stderr);
    const [header, ...rows] = tableRows(human.stdout);
    assert.deepEqual(header, ["VERSION", "STAGE", "STATUS", "ALIASES", "RUN ID", "CREATED", "SOURCE"]);
    assert.deepEqual(rows.map((r) => r.slice(0, 5)), [["2", "Production", "READY", "-", "-"], ["1", "Staging", "READY", "champion", runId]]);
    const versions = JSON.parse((await cairn("models", "versions", "churn", "--json")).stdout) as ModelVersion[];
    assert.deepEqual(versions.map((v) => [v.version, v.aliases]), [["2", []], ["1", ["champion"]]]);
  });

  it("tag sets model and version tags", async () => {
    assert.equal((await cairn("models", "tag", "churn", "team=ml")).stdout, "Set tag team=ml on 'churn'.\n");
    assert.equal((await cairn("models", "tag", "churn", "--model-version", "1", "ok=yes")).stdout, "Set tag ok=yes on 'churn' version 1.\n");
    assert.deepEqual((await client.registry.getRegisteredModel({ name: "churn" })).registered_model.tags, [{ key: "team", value: "ml" }]);
    assert.deepEqual((await client.registry.getModelVersion({ name: "churn", version: "1" })).model_version.tags, [{ key: "ok", value: "yes" }]);
    assert.equal((await cairn("models", "tag", "churn", "-v", "2", "by=short")).code, 0);
    assert.equal((await cairn("models", "tag", "churn", "novalue")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "tag", "nobody", "a=b")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
  });

  it("list prints a table, JSON, and honours --filter", async () => {
    await client.registry.createRegisteredModel({ name: "other", description: "second" });
    const human = await cairn("models", "list");
    assert.equal(human.code, 0, human.stderr);
    const [header, ...rows] = tableRows(human.stdout);
    assert.deepEqual(header, ["NAME", "LATEST VERSION", "ALIASES", "UPDATED", "DESCRIPTION"]);
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2]]), [["churn", "2", "champion=1"], ["other", "-", "-"]]);
    const json = JSON.parse((await cairn("models", "list", "--filter", "name = 'other'", "--json")).stdout) as RegisteredModel[];
    assert.deepEqual(json.map((m) => m.name), ["other"]);
    assert.equal((await cairn("models", "list", "--filter", "name = 'none'")).stdout, "No registered models found.\n");
  });

  it("download fetches a version's files by alias, stage or number", async () => {
    const dest = join(work, "dl");
    const human = await cairn("models", "download", "models:/churn@champion", "--dest", dest);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, `Downloaded 'churn' version 1: 1 file (12 B) to ${dest}.\n`);
    assert.equal(await readFile(join(dest, "MLmodel"), "utf8"), "flavors: {}\n");
    const json = JSON.parse((await cairn("models", "download", "models:/churn/Production", "--dest", join(work, "prod"), "--json")).stdout);
    assert.deepEqual([json.name, json.version, json.bytes], ["churn", "2", 12]);
  });

  it("exits with RESOURCE_DOES_NOT_EXIST's code for unknown models, aliases and versions; 2 on usage errors", async () => {
    assert.equal((await cairn("models", "versions", "nobody")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.equal((await cairn("models", "download", "models:/churn@nobody", "--dest", work)).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.equal((await cairn("models", "alias", "churn", "a", "99")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.equal((await cairn("models", "transition", "nobody", "1", "Staging")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    const badUri = await cairn("models", "download", "churn", "--dest", work);
    assert.equal(badUri.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(badUri.stderr, /models:\/<name>@<alias>/);
    const noVersion = await cairn("models", "alias", "churn", "a");
    assert.equal(noVersion.code, EXIT_USAGE);
    assert.match(noVersion.stderr, /--delete/);
    assert.equal((await cairn("models", "alias", "churn", "a", "1", "--delete")).code, EXIT_USAGE);
    const badStage = await cairn("models", "transition", "churn", "1", "Prod");
    assert.equal(badStage.code, EXIT_USAGE);
    assert.match(badStage.stderr, /None, Staging, Production, Archived/);
    assert.equal((await cairn("models", "transition", "churn", "one", "Staging")).code, EXIT_USAGE);
  });
});
