import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ScoringReply } from "../src/server/scoring-reply.js";
import type { ScoringServer } from "../src/server/create-scoring-server.js";
import { stickyHash } from "../src/routing/sticky-hash.js";
import { followDeployment, pollNow, predictionOf, snapshotOf, type DeploymentFixture } from "./fixtures/deployment-harness.js";
import { seeded } from "./fixtures/seeded-random.js";

/** Scores one row through the service (no HTTP: 10,000 requests stay fast) and checks the answer came from the version it names. */
async function score(server: ScoringServer, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const reply: ScoringReply = await server.service.invocations({ body: JSON.stringify(body), contentType: "application/json", requestId: "t", headers });
  assert.equal(reply.status, 200, reply.body);
  const version = reply.modelHeaders[reply.modelHeaders.indexOf("x-cairn-model-version") + 1]!;
  const row = firstRow(body);
  const prediction = JSON.parse(reply.body).predictions[0];
  assert.ok(Math.abs(prediction - predictionOf(version, row)) < 1e-6, `the answer did not come from version ${version}`);
  return version;
}

function firstRow(body: any): number[] {
  const split = body.dataframe_split;
  const record = split ? Object.fromEntries(split.columns.map((c: string, i: number) => [c, split.data[0][i]])) : (body.dataframe_records ?? body.inputs)[0];
  return [record.x0, record.x1];
}

const counts = (versions: string[]) => versions.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});

describe("traffic routing", () => {
  const fixtures: DeploymentFixture[] = [];
  after(() => Promise.all(fixtures.map((f) => f.server.close())));
  const follow = async (...args: Parameters<typeof followDeployment>) => {
    const fixture = await followDeployment(...args);
    fixtures.push(fixture);
    return fixture;
  };
  const row = (i: number) => ({ dataframe_split: { columns: ["x0", "x1"], data: [[(i % 16) / 4, 1]] } });

  it("sends the canary percent of requests to the canary (10,000 requests, seeded random)", async () => {
    const { server } = await follow(snapshotOf(1, { primary: { model_uri: "models:/churn/1", version: "1" }, canary: { model_uri: "models:/churn/2", version: "2", percent: 10 } }), { random: seeded(7) });
    const versions: string[] = [];
    for (let i = 0; i < 10_000; i++) versions.push(await score(server, row(i)));
    const share = counts(versions)["2"]! / 10_000;
    assert.ok(Math.abs(share - 0.1) < 0.02, `canary share ${share}`);
    // The routing decision is exactly the injected source's: replay it.
    const replay = seeded(7);
    assert.deepEqual(versions.slice(0, 200), Array.from({ length: 200 }, () => (replay() < 0.1 ? "2" : "1")));
  });

  it("splits A/B traffic by weight", async () => {
    const { server } = await follow(
      snapshotOf(1, {
        variants: [
          { model_uri: "models:/churn/1", version: "1", weight: 20 },
          { model_uri: "models:/churn/2", version: "2", weight: 30 },
          { model_uri: "models:/churn/3", version: "3", weight: 50 },
        ],
      }),
      { random: seeded(11) },
    );
    const versions: string[] = [];
    for (let i = 0; i < 10_000; i++) versions.push(await score(server, row(i)));
    const shares = counts(versions);
    for (const [version, weight] of [["1", 0.2], ["2", 0.3], ["3", 0.5]] as const) {
      assert.ok(Math.abs(shares[version]! / 10_000 - weight) < 0.02, `variant ${version}: ${shares[version]} of 10,000`);
    }
  });

  it("keeps a sticky key on one variant, from the request column (not a model input) or a header", async () => {
    const spec = snapshotOf(1, {
      variants: [
        { model_uri: "models:/churn/1", version: "1", weight: 50 },
        { model_uri: "models:/churn/2", version: "2", weight: 50 },
      ],
      sticky_key: "customer_id",
    });
    const fixture = await follow(spec, { random: () => assert.fail("sticky routing must not draw from the random source") });
    const { server } = fixture;
    const assigned = new Map<string, string>();
    for (let c = 0; c < 2000; c++) {
      const id = `cust-${c}`;
      const bodies = [
        { dataframe_split: { columns: ["customer_id", "x1", "x0"], data: [[id, 1, 0.5]] } },
        { dataframe_records: [{ x0: 0.5, customer_id: id, x1: 1 }] },
        { inputs: [{ x0: 0.5, x1: 1, customer_id: id }] },
      ];
      const versions = [];
      for (const body of bodies) versions.push(await score(server, body));
      versions.push(await score(server, { inputs: [{ x0: 0.5, x1: 1 }] }, { "customer_id": id }));
      assert.equal(new Set(versions).size, 1, `${id} moved between variants: ${versions}`);
      assigned.set(id, versions[0]!);
      // Independently: the variant is the one the key's hash falls in.
      assert.equal(versions[0], stickyHash(id) < 0.5 ? "1" : "2");
    }
    const share = [...assigned.values()].filter((v) => v === "1").length / 2000;
    assert.ok(Math.abs(share - 0.5) < 0.05, `sticky share ${share}`);

    // A new revision with the same weights keeps every key where it was.
    fixture.snapshot = { ...spec, revision: 2 };
    await pollNow(fixture);
    for (const [id, version] of [...assigned].slice(0, 200)) {
      assert.equal(await score(server, { dataframe_records: [{ x0: 1, x1: 0, customer_id: id }] }), version);
    }
  });

  it("falls back to the random source when a sticky request carries no key", async () => {
    const { server } = await follow(
      snapshotOf(1, {
        variants: [
          { model_uri: "models:/churn/1", version: "1", weight: 50 },
          { model_uri: "models:/churn/2", version: "2", weight: 50 },
        ],
        sticky_key: "customer_id",
      }),
      { random: seeded(3) },
    );
    const versions: string[] = [];
    for (let i = 0; i < 400; i++) versions.push(await score(server, row(i)));
    const replay = seeded(3);
    assert.deepEqual(versions, Array.from({ length: 400 }, () => (replay() < 0.5 ? "1" : "2")));
  });

  it("hashes keys evenly and stably", () => {
    assert.equal(stickyHash("user-1"), stickyHash("user-1"));
    assert.notEqual(stickyHash("user-1"), stickyHash("user-2"));
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(stickyHash(`user-${i}`) * 10)]++;
    for (const count of buckets) assert.ok(Math.abs(count - 10_000) < 500, `bucket counts ${buckets}`);
  });
});
