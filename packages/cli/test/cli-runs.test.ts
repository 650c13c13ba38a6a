import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Run } from "@cairn/core";
import { createClient } from "@cairn/sdk";
import { EXIT_CODES } from "@cairn/cli";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("cairn runs", () => {
  let server: TestServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let experimentId: string;
  const runIds: Record<string, string> = {};
  before(async () => {
    server = await startTestServer();
    cairn = cairnAt(server.url);
    const client = createClient({ trackingUri: server.url });
    for (const [name, loss, lr] of [["alpha", 0.5, "0.1"], ["beta", 0.2, "0.01"], ["gamma", Number.NaN, "0.001"]] as const) {
      await client.withRun({ experiment: "churn", runName: name, params: { lr, depth: 3 } }, (run) => {
        run.logMetric("loss", loss);
        run.logMetric("acc", 1 - (Number.isNaN(loss) ? 0 : loss), { step: 2 });
        runIds[name] = run.runId;
      });
    }
    experimentId = (await client.experiments.getByName({ experiment_name: "churn" })).experiment.experiment_id;
    await client.withRun({ experiment: "other" }, (run) => run.logMetric("loss", 0.9));
  });
  after(() => server.close());

  it("list prints id, name, status, start time, duration and key metrics and params", async () => {
    const result = await cairn("runs", "list", "--experiment", "churn");
    assert.equal(result.code, 0, result.stderr);
    const [header, ...rows] = tableRows(result.stdout);
    assert.deepEqual(header, ["RUN ID", "NAME", "STATUS", "START TIME", "DURATION", "metrics.acc", "metrics.loss", "params.depth", "params.lr"]);
    assert.equal(rows.length, 3);
    const beta = rows.find((r) => r[1] === "beta")!;
    assert.equal(beta[0], runIds.beta);
    assert.equal(beta[2], "FINISHED");
    assert.deepEqual(beta.slice(5), ["0.8", "0.2", "3", "0.01"]);
    assert.equal(rows.find((r) => r[1] === "gamma")![6], "NaN");
  });

  it("list --json prints the runs as a JSON array, NaN as MLflow's string; by experiment id too", async () => {
    const result = await cairn("runs", "list", "--experiment", experimentId, "--json");
    const runs = JSON.parse(result.stdout) as Run[];
    assert.equal(runs.length, 3);
    const gamma = runs.find((r) => r.info.run_name === "gamma")!;
    assert.equal(gamma.data.metrics?.find((m) => m.key === "loss")?.value, "NaN");
    assert.equal(JSON.parse((await cairn("runs", "list", "--experiment", "churn", "--max-results", "1", "--json")).stdout).length, 1);
  });

  it("get shows one run, or its JSON; a missing run exits with RESOURCE_DOES_NOT_EXIST's code", async () => {
    const human = await cairn("runs", "get", runIds.alpha!);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`^Run ID:\\s+${runIds.alpha}$`, "m"));
    assert.match(human.stdout, /^Status:\s+FINISHED$/m);
    assert.match(human.stdout, /^Params:\n {2}depth\s+3\n {2}lr\s+0\.1$/m);
    assert.match(human.stdout, /^ {2}loss\s+0\.5\s+step 0$/m);
    assert.match(human.stdout, /^ {2}mlflow\.runName\s+alpha$/m);
    const json = JSON.parse((await cairn("runs", "get", runIds.alpha!, "--json")).stdout) as Run;
    assert.equal(json.info.run_id, runIds.alpha);
    const missing = await cairn("runs", "get", "0123456789abcdef");
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(missing.stderr, /^error: Run with id=0123456789abcdef not found/);
  });

  it("search filters and orders, with the ordered metric as a column", async () => {
    const result = await cairn("runs", "search", "--experiment", "churn", "--filter", "metrics.loss < 0.6", "--order-by", "metrics.loss ASC");
    assert.equal(result.code, 0, result.stderr);
    const [header, ...rows] = tableRows(result.stdout);
    assert.equal(header![5], "metrics.loss");
    assert.deepEqual(rows.map((r) => r[1]), ["beta", "alpha"]);
    const json = JSON.parse((await cairn("runs", "search", "--experiment", "churn", "--filter", "params.lr = '0.01'", "--json")).stdout) as Run[];
    assert.deepEqual(json.map((r) => r.info.run_name), ["beta"]);
  });

  it("search spans several experiments and follows pages up to --max-results", async () => {
    const all = JSON.parse((await cairn("runs", "search", "--experiment", "churn", "other", "--json")).stdout) as Run[];
    assert.equal(all.length, 4);
    const repeated = JSON.parse((await cairn("runs", "search", "--experiment", "churn", "--experiment", "other", "--json")).stdout) as Run[];
    assert.equal(repeated.length, 4);
    const capped = await cairn("runs", "search", "--experiment", "churn", "other", "--max-results", "3", "--json");
    assert.equal((JSON.parse(capped.stdout) as Run[]).length, 3);
    assert.match(capped.stderr, /showing the first 3/);
  });

  it("search --view deleted finds deleted runs; an empty result says so", async () => {
    const client = createClient({ trackingUri: server.url });
    await client.runs.delete({ run_id: runIds.gamma! });
    const deleted = JSON.parse((await cairn("runs", "search", "--experiment", "churn", "--view", "deleted", "--json")).stdout) as Run[];
    assert.deepEqual(deleted.map((r) => r.info.run_name), ["gamma"]);
    const none = await cairn("runs", "search", "--experiment", "churn", "--filter", "metrics.loss > 100");
    assert.equal(none.stdout, "No runs found.\n");
  });

  it("maps server and lookup errors to their exit codes", async () => {
    const badFilter = await cairn("runs", "search", "--experiment", "churn", "--filter", "metrics.loss <");
    assert.equal(badFilter.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(badFilter.stderr, /^error: /);
    const noExperiment = await cairn("runs", "list", "--experiment", "nope");
    assert.equal(noExperiment.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
  });
});
