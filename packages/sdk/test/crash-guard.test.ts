import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { createClient } from "@cairn/sdk";
import { createCrashGuard, createNodeClient } from "@cairn/sdk/node";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

const script = fileURLToPath(new URL("./fixtures/crash-during-run.ts", import.meta.url));

function runScript(mode: string, trackingUri: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script, mode], { env: { ...process.env, CAIRN_TRACKING_URI: trackingUri }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

describe("crash handling (node extras)", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  for (const [mode, message] of [
    ["exception", "thrown on purpose"],
    ["rejection", "rejected on purpose"],
  ] as const) {
    it(`ends the active run FAILED, flushed, and exits 1 on an uncaught ${mode}`, async () => {
      const result = await runScript(mode, server.url);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, new RegExp(message));
      const runId = result.stdout.trim();
      const client = createClient({ trackingUri: server.url });
      const { run } = await client.runs.get({ run_id: runId });
      assert.equal(run.info.status, "FAILED");
      assert.ok(run.info.end_time);
      assert.equal(run.data.metrics?.find((m) => m.key === "before_crash")?.value, 7);
    });
  }

  it("installs its listeners while a run is active and removes them when it ends", async () => {
    const proc = Object.assign(new EventEmitter(), { exit: () => assert.fail("must not exit") });
    const client = createNodeClient({ trackingUri: server.url, captureSource: false, process: proc });
    const listeners = () => proc.listenerCount("uncaughtException") + proc.listenerCount("unhandledRejection");
    assert.equal(listeners(), 0);
    const a = await client.startRun({ experiment: "guard" });
    const b = await client.startRun({ experiment: "guard" });
    assert.equal(listeners(), 2, "one pair per client, not per run");
    await a.end();
    assert.equal(listeners(), 2);
    await b.end();
    assert.equal(listeners(), 0);
  });

  it("ends every active run of the client before exiting", async () => {
    const exited: number[] = [];
    const reported: unknown[] = [];
    const proc = Object.assign(new EventEmitter(), { exit: (code: number) => void exited.push(code) });
    const guard = createCrashGuard(proc, (error) => void reported.push(error));
    const client = createClient({ trackingUri: server.url, extensions: [{ attach: (run) => guard.watch(run) }] });
    const runs = [await client.startRun({ experiment: "guard" }), await client.startRun({ experiment: "guard" })];
    const crash = new Error("boom");
    proc.emit("uncaughtException", crash);
    proc.emit("uncaughtException", new Error("second error while shutting down"));
    while (exited.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(exited, [1]);
    assert.deepEqual(reported, [crash]);
    for (const run of runs) assert.equal((await client.runs.get({ run_id: run.runId })).run.info.status, "FAILED");
    assert.equal(proc.listenerCount("uncaughtException"), 0);
  });
});
