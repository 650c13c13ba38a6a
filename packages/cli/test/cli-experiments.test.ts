import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Experiment } from "@cairn/core";
import { EXIT_CODES } from "@cairn/cli";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("cairn experiments", () => {
  let server: TestServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  before(async () => {
    server = await startTestServer();
    cairn = cairnAt(server.url);
  });
  after(() => server.close());

  it("create prints the new id, or JSON, and sends tags and artifact location", async () => {
    const human = await cairn("experiments", "create", "churn", "--tag", "team=ml", "--tag", "owner=ada=b", "--artifact-location", "/tmp/churn-artifacts");
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Created experiment 'churn' with id \d+\.\n$/);
    const json = await cairn("experiments", "create", "fraud", "--json");
    assert.equal(json.code, 0);
    const created = JSON.parse(json.stdout) as { experiment_id: string; name: string };
    assert.equal(created.name, "fraud");

    const got = JSON.parse((await cairn("experiments", "get", "churn", "--json")).stdout) as Experiment;
    assert.deepEqual(got.tags, [{ key: "owner", value: "ada=b" }, { key: "team", value: "ml" }]);
    assert.equal(got.artifact_location, "/tmp/churn-artifacts");
  });

  it("create of a taken name exits with RESOURCE_ALREADY_EXISTS's code and the server's message", async () => {
    await cairn("experiments", "create", "taken");
    const again = await cairn("experiments", "create", "taken");
    assert.equal(again.code, EXIT_CODES.RESOURCE_ALREADY_EXISTS);
    assert.match(again.stderr, /^error: .*taken/);
    assert.equal(again.stdout, "");
  });

  it("list prints an aligned table, or a JSON array", async () => {
    const human = await cairn("experiments", "list");
    assert.equal(human.code, 0, human.stderr);
    const rows = tableRows(human.stdout);
    assert.deepEqual(rows[0], ["ID", "NAME", "LIFECYCLE", "CREATED"]);
    assert.ok(rows.some((r) => r[1] === "churn" && r[2] === "active" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(r[3]!)));
    // Columns line up: every row's NAME cell starts where the header's does.
    const nameAt = human.stdout.split("\n")[0]!.indexOf("NAME");
    for (const line of human.stdout.trimEnd().split("\n").slice(1)) {
      assert.equal(line.slice(nameAt - 2, nameAt), "  ");
      assert.notEqual(line[nameAt], " ");
    }

    const json = await cairn("experiments", "list", "--json", "--filter", "name = 'churn'");
    const list = JSON.parse(json.stdout) as Experiment[];
    assert.ok(Array.isArray(list));
    assert.deepEqual(list.map((e) => e.name), ["churn"]);
  });

  it("list follows pages up to --max-results and notes the cut on stderr", async () => {
    for (let i = 0; i < 5; i++) await cairn("experiments", "create", `paged-${i}`);
    const two = await cairn("experiments", "list", "--filter", "name LIKE 'paged-%'", "--max-results", "2", "--json");
    assert.equal((JSON.parse(two.stdout) as Experiment[]).length, 2);
    assert.match(two.stderr, /showing the first 2/);
    const all = await cairn("experiments", "list", "--filter", "name LIKE 'paged-%'", "--json");
    assert.equal((JSON.parse(all.stdout) as Experiment[]).length, 5);
    assert.equal(all.stderr, "");
    const none = await cairn("experiments", "list", "--filter", "name = 'nothing'");
    assert.equal(none.stdout, "No experiments found.\n");
    assert.deepEqual(JSON.parse((await cairn("experiments", "list", "--filter", "name = 'nothing'", "--json")).stdout), []);
  });

  it("get shows one experiment by id or by name; a missing one exits with RESOURCE_DOES_NOT_EXIST's code", async () => {
    const { experiment_id } = JSON.parse((await cairn("experiments", "create", "detail", "--tag", "k=v", "--json")).stdout) as { experiment_id: string };
    const human = await cairn("experiments", "get", experiment_id);
    assert.equal(human.code, 0);
    assert.match(human.stdout, /^ID:\s+\d+$/m);
    assert.match(human.stdout, /^Name:\s+detail$/m);
    assert.match(human.stdout, /^ {2}k = v$/m);
    const json = JSON.parse((await cairn("experiments", "get", "detail", "--json")).stdout) as Experiment;
    assert.equal(json.experiment_id, experiment_id);
    const missing = await cairn("experiments", "get", "no-such-thing");
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(missing.stderr, /^error: No experiment with id or name 'no-such-thing'/);
  });

  it("delete and restore change the lifecycle shown by list --view", async () => {
    const { experiment_id } = JSON.parse((await cairn("experiments", "create", "short-lived", "--json")).stdout) as { experiment_id: string };
    const deleted = await cairn("experiments", "delete", experiment_id);
    assert.equal(deleted.stdout, `Deleted experiment ${experiment_id}.\n`);
    const names = async (...args: string[]) => (JSON.parse((await cairn("experiments", "list", "--json", ...args)).stdout) as Experiment[]).map((e) => e.name);
    assert.ok(!(await names()).includes("short-lived"));
    assert.ok((await names("--view", "deleted")).includes("short-lived"));
    assert.ok((await names("--view", "all")).includes("short-lived"));
    const restored = await cairn("experiments", "restore", experiment_id);
    assert.equal(restored.stdout, `Restored experiment ${experiment_id}.\n`);
    assert.ok((await names()).includes("short-lived"));
    const unknown = await cairn("experiments", "delete", "987654");
    assert.equal(unknown.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
  });
});
