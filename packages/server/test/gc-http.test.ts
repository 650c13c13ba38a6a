import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CairnStore } from "@cairn/core";
import { openStore } from "@cairn/store";
import { createServer } from "@cairn/server";
import { startTestServer, type TestServer } from "./harness.js";

const DAY = 86_400_000;
const M = "/api/2.0/mlflow";
const GC = "/api/2.0/cairn/gc";

describe("gc over HTTP", () => {
  let s: TestServer;
  let now = 1_000 * DAY;
  let localRoot: string;
  before(async () => {
    s = await startTestServer({ clock: () => now });
    localRoot = mkdtempSync(join(tmpdir(), "cairn-gc-local-"));
  });
  after(async () => {
    await s.close();
    rmSync(localRoot, { recursive: true, force: true });
  });

  const ok = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await s.call(method, path, body);
    assert.equal(response.status, 200, response.text);
    return response.json;
  };
  const newRun = async (experimentId: string): Promise<{ runId: string; artifactUri: string }> => {
    const run = (await ok("POST", `${M}/runs/create`, { experiment_id: experimentId, start_time: now })).run.info;
    return { runId: run.run_id, artifactUri: run.artifact_uri };
  };
  const upload = async (path: string, bytes: number) => {
    const response = await s.app.inject({ method: "PUT", url: `/api/2.0/mlflow-artifacts/artifacts/${path}`, payload: Buffer.alloc(bytes, 7) });
    assert.equal(response.statusCode, 200, response.body);
  };
  const runStatus = async (runId: string) => (await s.call("GET", `${M}/runs/get?run_id=${runId}`)).status;

  it("frees the files of an old deleted run, reports their bytes, and purges it; a dry run first changes nothing", async () => {
    const experimentId = (await ok("POST", `${M}/experiments/create`, { name: "proxied" })).experiment_id as string;
    const old = await newRun(experimentId);
    const young = await newRun(experimentId);
    const active = await newRun(experimentId);
    for (const run of [old, young, active]) {
      await upload(`${experimentId}/${run.runId}/artifacts/model/model.onnx`, 3000);
      await upload(`${experimentId}/${run.runId}/artifacts/metrics.json`, 72);
    }
    await ok("POST", `${M}/runs/log-batch`, { run_id: old.runId, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }], params: [{ key: "lr", value: "1" }] });
    await ok("POST", `${M}/runs/delete`, { run_id: old.runId });
    now += 20 * DAY;
    await ok("POST", `${M}/runs/delete`, { run_id: young.runId });
    now += 11 * DAY; // old: deleted 31 days ago, young: 11 days ago
    const dirOf = (runId: string) => join(s.dataDir, "artifacts", experimentId, runId);

    const dry = await ok("POST", GC, {});
    assert.deepEqual(dry, { dry_run: true, runs: [{ run_id: old.runId, artifact_uri: old.artifactUri, bytes: 3072 }], skipped: [], bytes_freed: 3072 });
    assert.ok(existsSync(join(dirOf(old.runId), "artifacts", "model", "model.onnx")), "a dry run deletes no file");
    assert.equal(await runStatus(old.runId), 200, "a dry run purges no run");
    assert.deepEqual((await ok("POST", GC, { older_than_days: 5 })).runs.map((r: any) => r.run_id), [old.runId, young.runId]);
    assert.deepEqual((await ok("POST", GC, { older_than_days: 40 })).runs, []);

    const applied = await ok("POST", GC, { dry_run: false });
    assert.deepEqual(applied, { ...dry, dry_run: false });
    assert.equal(existsSync(dirOf(old.runId)), false, "the run's directory is gone");
    assert.equal(await runStatus(old.runId), 404);
    assert.equal((await s.call("GET", `${M}/metrics/get-history?run_id=${old.runId}&metric_key=loss`)).status, 404);
    for (const run of [young, active]) {
      assert.ok(existsSync(join(dirOf(run.runId), "artifacts", "metrics.json")));
      assert.equal(await runStatus(run.runId), 200);
    }
    assert.deepEqual((await ok("POST", GC, { dry_run: false })).runs, [], "nothing left that is old enough");
    const later = await ok("POST", GC, { dry_run: false, older_than_days: 0 });
    assert.deepEqual([later.runs.map((r: any) => r.run_id), later.bytes_freed], [[young.runId], 3072]);
    assert.equal(existsSync(dirOf(young.runId)), false);
    assert.equal(await runStatus(active.runId), 200);
  });

  it("skips runs whose artifacts are elsewhere or still used by a model version, and leaves them deleted", async () => {
    const s3 = (await ok("POST", `${M}/experiments/create`, { name: "on-s3", artifact_location: "s3://bucket/team" })).experiment_id as string;
    const remote = await newRun(s3);
    const missing = (await ok("POST", `${M}/experiments/create`, { name: "laptop", artifact_location: "/nonexistent/cairn-laptop/mlruns" })).experiment_id as string;
    const laptop = await newRun(missing);
    const used = await newRun("0");
    await upload(`0/${used.runId}/artifacts/model/model.onnx`, 10);
    await ok("POST", `${M}/registered-models/create`, { name: "churn" });
    await ok("POST", `${M}/model-versions/create`, { name: "churn", source: `runs:/${used.runId}/model`, run_id: used.runId });
    for (const run of [remote, laptop, used]) await ok("POST", `${M}/runs/delete`, { run_id: run.runId });

    const result = await ok("POST", GC, { dry_run: false, older_than_days: 0 });
    assert.deepEqual(result.runs, []);
    assert.equal(result.bytes_freed, 0);
    const reasons = new Map(result.skipped.map((r: any) => [r.run_id, r.reason]));
    assert.match(reasons.get(remote.runId) as string, /s3:\/\/bucket\/team\/.*outside the server's artifact root/);
    assert.match(reasons.get(laptop.runId) as string, /\/nonexistent\/cairn-laptop\/mlruns\/.* not on this server's disk/);
    assert.match(reasons.get(used.runId) as string, /churn version 1.*delete those versions first/);
    for (const run of [remote, laptop, used]) assert.equal(await runStatus(run.runId), 200, "a skipped run stays (deleted)");
    assert.ok(existsSync(join(s.dataDir, "artifacts", "0", used.runId, "artifacts", "model", "model.onnx")));

    // Once the version is gone, the run's files go too.
    await ok("DELETE", `${M}/model-versions/delete`, { name: "churn", version: "1" });
    const again = await ok("POST", GC, { dry_run: false, older_than_days: 0 });
    assert.deepEqual(again.runs.map((r: any) => [r.run_id, r.bytes]), [[used.runId, 10]]);
  });

  it("deletes a run's files at a local path on the server's disk", async () => {
    const location = join(localRoot, "exp");
    const experimentId = (await ok("POST", `${M}/experiments/create`, { name: "local", artifact_location: location })).experiment_id as string;
    const run = await newRun(experimentId);
    assert.equal(run.artifactUri, `${location}/${run.runId}/artifacts`);
    mkdirSync(join(location, run.runId, "artifacts", "deep", "er"), { recursive: true });
    writeFileSync(join(location, run.runId, "artifacts", "deep", "er", "weights.bin"), Buffer.alloc(2048));
    writeFileSync(join(location, run.runId, "artifacts", "a.txt"), "hello");
    writeFileSync(join(location, "keep.txt"), "not the run's");
    await ok("POST", `${M}/runs/delete`, { run_id: run.runId });

    const result = await ok("POST", GC, { dry_run: false, older_than_days: 0 });
    assert.deepEqual(result.runs, [{ run_id: run.runId, artifact_uri: run.artifactUri, bytes: 2053 }]);
    assert.equal(existsSync(join(location, run.runId)), false);
    assert.ok(existsSync(join(location, "keep.txt")));
  });

  it("refuses bad input with a 400", async () => {
    for (const [body, message] of [
      [{ older_than_days: -1 }, /older_than_days/],
      [{ older_than_days: "soon" }, /older_than_days/],
      [{ dry_run: "perhaps" }, /dry_run/],
    ] as const) {
      const response = await s.call("POST", GC, body);
      assert.equal(response.status, 400, response.text);
      assert.equal(response.json.error_code, "INVALID_PARAMETER_VALUE");
      assert.match(response.json.message, message);
    }
  });
});

describe("gc on a server without an artifact store", () => {
  it("skips proxied runs, saying how to start the server", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-gc-noart-"));
    const store: CairnStore = await openStore(`sqlite:///${join(dir, "cairn.db")}`);
    const app = await createServer({ store, uiDir: false });
    try {
      const run = JSON.parse(Buffer.from(await store.createRun({ experiment_id: "0", user_id: "u", start_time: 0 })).toString()).info;
      await store.deleteRun(run.run_id);
      const response = await app.inject({ method: "POST", url: GC, payload: { dry_run: false, older_than_days: 0 } });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(body.runs, []);
      assert.match(body.skipped[0].reason, /no artifact store.*--artifacts-destination/);
      await store.getRun(run.run_id);
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
