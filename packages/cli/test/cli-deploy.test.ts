import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Deployment, DeploymentRevision, InferenceRecord } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { parseAllDocuments } from "yaml";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";

/** The ROLE/MODEL URI/VERSION/TRAFFIC rows of a status view. */
function routeRows(stdout: string): string[][] {
  const lines = stdout.trimEnd().split("\n");
  const header = lines.findIndex((l) => l.startsWith("ROLE"));
  assert.ok(header >= 0, stdout);
  const end = lines.findIndex((l, i) => i > header && l.trim() === "");
  return tableRows(lines.slice(header, end < 0 ? undefined : end).join("\n")).slice(1);
}

describe("cairn deploy", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let client: CairnClient;
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 3; i++) await client.registry.createModelVersion({ name: "churn", source: `s3://b/churn/${i}` });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
  });
  after(() => server.close());

  const ok = async (...argv: string[]) => {
    const r = await cairn(...argv);
    assert.equal(r.code, 0, `cairn ${argv.join(" ")}: ${r.stderr}`);
    return r;
  };

  it("creates a deployment and shifts its traffic with short model references", async () => {
    const created = await ok("deploy", "create", "churn-prod", "--model", "models:/churn@champion", "--description", "live");
    assert.match(created.stdout, /^Created deployment 'churn-prod' of model 'churn' \(revision 1\)\./);
    assert.deepEqual(routeRows(created.stdout), [["primary", "models:/churn@champion", "1", "100%"]]);

    const canary = await ok("deploy", "canary", "churn-prod", "--model", "2", "--percent", "12.5");
    assert.match(canary.stdout, /Canary models:\/churn\/2 now takes 12.5% of 'churn-prod' \(revision 2\)/);
    assert.deepEqual(routeRows(canary.stdout), [
      ["primary", "models:/churn@champion", "1", "87.5%"],
      ["canary", "models:/churn/2", "2", "12.5%"],
    ]);

    await ok("deploy", "shadow", "churn-prod", "--model", "3", "--percent", "100");
    const ab = await ok("deploy", "ab", "churn-prod", "--variants", "2:70,@champion:30", "--sticky-key", "customer_id");
    assert.deepEqual(routeRows(ab.stdout), [
      ["primary", "models:/churn@champion", "1", "0%"],
      ["variant", "models:/churn/2", "2", "70%"],
      ["variant", "models:/churn@champion", "1", "30%"],
      ["shadow", "models:/churn/3", "3", "copy of 100%"],
    ]);
    assert.match(ab.stdout, /Sticky key: +customer_id/);

    const status = await ok("deploy", "status", "churn-prod", "--json");
    const d = JSON.parse(status.stdout) as Deployment;
    assert.deepEqual([d.revision, d.sticky_key, d.variants?.map((v) => v.model_uri)], [4, "customer_id", ["models:/churn/2", "models:/churn@champion"]]);
    assert.deepEqual(d, (await client.deployments.get({ name: "churn-prod" })).deployment);

    const promoted = await ok("deploy", "promote", "churn-prod", "--model", "models:/churn/2");
    assert.deepEqual(routeRows(promoted.stdout), [
      ["primary", "models:/churn/2", "2", "100%"],
      ["shadow", "models:/churn/3", "3", "copy of 100%"],
    ]);
    const rolled = await ok("deploy", "rollback", "churn-prod", "--revision", "1");
    assert.deepEqual(routeRows(rolled.stdout), [["primary", "models:/churn@champion", "1", "100%"]]);
    assert.match(rolled.stdout, /Rolled 'churn-prod' back to the routes of revision 1 \(revision 6\)/);

    const history = await ok("deploy", "history", "churn-prod");
    const rows = tableRows(history.stdout);
    assert.deepEqual(rows[0], ["REVISION", "ACTION", "CREATED", "ROUTES"]);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1]]), [["6", "rollback"], ["5", "promote"], ["4", "ab"], ["3", "shadow"], ["2", "canary"], ["1", "create"]]);
    assert.equal(rows[3]![3], "primary models:/churn@champion; a/b models:/churn/2 70%, models:/churn@champion 30% (sticky by customer_id); shadow models:/churn/3 100%");
    const json = JSON.parse((await ok("deploy", "history", "churn-prod", "--json", "--max-results", "2")).stdout) as DeploymentRevision[];
    assert.deepEqual(json.map((r) => r.revision), [6, 5]);
  });

  it("lists deployments as a table and JSON, by model", async () => {
    await client.registry.createRegisteredModel({ name: "fraud" });
    await client.registry.createModelVersion({ name: "fraud", source: "s3://b/fraud/1" });
    await ok("deploy", "create", "fraud-prod", "--model", "models:/fraud/1");
    const table = tableRows((await ok("deploy", "list")).stdout);
    assert.deepEqual(table[0], ["NAME", "MODEL", "REVISION", "ROUTES", "UPDATED"]);
    assert.deepEqual(table.slice(1).map((r) => [r[0], r[1], r[3]]), [
      ["churn-prod", "churn", "primary v1 100%"],
      ["fraud-prod", "fraud", "primary v1 100%"],
    ]);
    const byModel = JSON.parse((await ok("deploy", "list", "--model", "fraud", "--json")).stdout) as Deployment[];
    assert.deepEqual(byModel.map((d) => d.name), ["fraud-prod"]);
    const filtered = JSON.parse((await ok("deploy", "list", "--model", "churn", "--filter", "name LIKE 'fraud%'", "--json")).stdout) as Deployment[];
    assert.deepEqual(filtered, []);
    await ok("deploy", "delete", "fraud-prod");
    assert.equal((await ok("deploy", "list", "--model", "fraud")).stdout, "No deployments found.\n");
  });

  it("maps refusals to exit codes with the server's message, and bad command lines to usage errors", async () => {
    const refusals: [string[], number, RegExp][] = [
      [["deploy", "canary", "churn-prod", "--model", "2", "--percent", "0"], EXIT_CODES.INVALID_PARAMETER_VALUE, /percent of 0 is not allowed/],
      [["deploy", "canary", "nobody", "--model", "2", "--percent", "5"], EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /Deployment 'nobody' does not exist/],
      [["deploy", "canary", "churn-prod", "--model", "two", "--percent", "5"], EXIT_CODES.INVALID_PARAMETER_VALUE, /Cannot read model reference 'two'.*version number \(7\)/],
      [["deploy", "canary", "churn-prod", "--model", "9", "--percent", "5"], EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /no version 9/],
      [["deploy", "create", "churn-prod", "--model", "models:/churn/1"], EXIT_CODES.RESOURCE_ALREADY_EXISTS, /already exists/],
      [["deploy", "create", "x", "--model", "models:/churn/Production"], EXIT_CODES.INVALID_PARAMETER_VALUE, /stage/],
      [["deploy", "promote", "churn-prod"], EXIT_CODES.INVALID_PARAMETER_VALUE, /nothing|no canary/],
      [["deploy", "status", "nobody"], EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /does not exist/],
    ];
    const before = (await client.deployments.get({ name: "churn-prod" })).deployment;
    for (const [argv, code, message] of refusals) {
      const r = await cairn(...argv);
      assert.equal(r.code, code, `${argv.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^error: /);
    }
    assert.deepEqual((await client.deployments.get({ name: "churn-prod" })).deployment, before);

    for (const argv of [
      ["deploy", "ab", "churn-prod", "--variants", "2:50"],
      ["deploy", "ab", "churn-prod", "--variants", "2:fifty,3:50"],
      ["deploy", "canary", "churn-prod", "--model", "2", "--percent", "lots"],
      ["deploy", "canary", "churn-prod", "--model", "2"],
      ["deploy", "rollback", "churn-prod", "--revision", "0"],
      ["inference-logs", "list", "--labeled", "--unlabeled"],
    ]) {
      const r = await cairn(...argv);
      assert.equal(r.code, EXIT_USAGE, `${argv.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /error: /);
    }
  });

  it("has help with examples for every subcommand", async () => {
    const top = await ok("deploy", "--help");
    for (const sub of ["create", "canary", "ab", "shadow", "promote", "rollback", "status", "history", "list", "delete", "manifest"]) assert.match(top.stdout, new RegExp(`\\n  ${sub} `));
    assert.match((await ok("deploy", "ab", "--help")).stdout, /\$ cairn deploy ab churn-prod --variants 6:50,7:50/);
    assert.match((await ok("deploy", "canary", "--help")).stdout, /Examples:/);
  });

  it("lists inference logs of a deployment", async () => {
    await client.inferenceLogs.log(
      [1, 2, 3].map((i) => ({ request_id: `r${i}`, deployment: "churn-prod", model_name: "churn", model_version: String(i), timestamp_ms: Date.UTC(2026, 0, 1) + i, latency_ms: i / 4, inputs: { x: i }, outputs: [i], status_code: 200 })),
    );
    await client.inferenceLogs.attachLabels([{ request_id: "r2", label: "yes" }]);
    const table = tableRows((await ok("inference-logs", "list", "--deployment", "churn-prod")).stdout);
    assert.deepEqual(table[0], ["REQUEST ID", "TIME", "MODEL", "VERSION", "LATENCY MS", "STATUS", "SHADOW", "LABEL"]);
    assert.deepEqual(table.slice(1).map((r) => [r[0], r[3], r[4], r[7]]), [["r3", "3", "0.75", "-"], ["r2", "2", "0.5", '"yes"'], ["r1", "1", "0.25", "-"]]);
    const labeled = JSON.parse((await ok("inference-logs", "list", "--deployment", "churn-prod", "--labeled", "--json")).stdout) as InferenceRecord[];
    assert.deepEqual(labeled.map((r) => [r.request_id, r.label, r.inputs]), [["r2", "yes", { x: 2 }]]);
    const since = JSON.parse((await ok("inference-logs", "list", "--since", new Date(Date.UTC(2026, 0, 1) + 2).toISOString(), "--json")).stdout) as InferenceRecord[];
    assert.deepEqual(since.map((r) => r.request_id), ["r3", "r2"]);
    assert.equal((await ok("inference-logs", "list", "--deployment", "none")).stdout, "No inference records found.\n");
  });

  it("prints Kubernetes manifests that run cairn serve for the deployment, and refuses an unknown one", async () => {
    await ok("deploy", "create", "churn-k8s", "--model", "models:/churn/1");
    const { stdout } = await ok("deploy", "manifest", "churn-k8s", "--cluster-tracking-uri", "http://cairn.ml.svc:5000", "--namespace", "ml", "--max-replicas", "6", "--cpu", "500m");
    const objects = parseAllDocuments(stdout).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string }; spec: Record<string, any> });
    assert.deepEqual(objects.map((o) => o.kind).sort(), ["Deployment", "HorizontalPodAutoscaler", "InferenceService", "Service"]);
    assert.ok(objects.every((o) => o.metadata.namespace === "ml"));
    const container = objects.find((o) => o.kind === "Deployment")!.spec.template.spec.containers[0];
    assert.match([...(container.command ?? []), ...(container.args ?? [])].join(" "), /serve --deployment churn-k8s/);
    assert.ok(container.env.some((e: { name: string; value?: string }) => e.name === "CAIRN_TRACKING_URI" && e.value === "http://cairn.ml.svc:5000"));
    assert.equal(container.resources.requests.cpu, "500m");
    assert.equal(objects.find((o) => o.kind === "HorizontalPodAutoscaler")!.spec.maxReplicas, 6);

    const missing = await cairn("deploy", "manifest", "nope");
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(missing.stderr, /nope/);
    const bad = await cairn("deploy", "manifest", "churn-k8s", "--memory", "lots");
    assert.equal(bad.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(bad.stderr, /memory quantity/);
  });
});
