import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseJsonText } from "@cairn/core";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

// Runs the README's TypeScript walkthrough as a user would, against a real server.
let server: EphemeralServer;
before(async () => {
  server = await startEphemeralServer();
});
after(() => server.close());

it("examples/track-training.ts logs a finished run with 500 steps, a nested run and a code checkpoint", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "examples/track-training.ts"], {
    env: { ...process.env, CAIRN_TRACKING_URI: server.url },
  });
  const { store } = server;
  const runId = /run ([0-9a-f]{32})/.exec(stdout)?.[1];
  assert.ok(runId, stdout);
  const run = parseJsonText(await store.getRun(runId));
  assert.equal(run.info.status, "FINISHED");
  const tags = new Map(run.data.tags?.map((t) => [t.key, t.value]));
  assert.match(tags.get("mlflow.source.git.commit") ?? "", /^[0-9a-f]{40}$/);
  assert.equal(tags.get("mlflow.source.name")?.endsWith("track-training.ts"), true);
  const loss = run.data.metrics?.find((m) => m.key === "loss");
  assert.equal(loss?.step, 499);
  assert.ok(loss.value < 0.01, `loss ${loss.value}`);
  const history = await store.getMetricHistory({ run_id: runId, metric_key: "loss", max_results: 1000 });
  assert.equal(parseJsonText(history.metrics!).length, 500);
  const nested = await store.searchRuns({ experiment_ids: [run.info.experiment_id], run_view_type: "ACTIVE_ONLY", max_results: 10, filter: `tags.mlflow.parentRunId = '${runId}'` });
  assert.equal(nested.runs && parseJsonText(nested.runs).length, 1);
});
