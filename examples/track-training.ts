// A training loop tracked with Cairn's TypeScript SDK: params, a metric per step (buffered and
// sent in batches), a nested evaluation run, and the code checkpoint recorded at start.
// usage: npx tsx examples/track-training.ts   (CAIRN_TRACKING_URI, default http://127.0.0.1:5000)
import { createNodeClient } from "@cairn/sdk/node";

const trackingUri = process.env.CAIRN_TRACKING_URI ?? process.env.MLFLOW_TRACKING_URI ?? "http://127.0.0.1:5000";
const cairn = createNodeClient({ trackingUri });

// A toy model: fit y = 3x + 1 by gradient descent on synthetic data from a fixed seed.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const xs = Array.from({ length: 256 }, () => random() * 2 - 1);
const ys = xs.map((x) => 3 * x + 1 + (random() - 0.5) * 0.1);

const lr = 0.1;
const run = await cairn.startRun({ experiment: "examples-linear", runName: "gradient-descent", params: { lr, samples: xs.length } });
let [w, b] = [0, 0];
for (let step = 0; step < 500; step++) {
  let [gw, gb, loss] = [0, 0, 0];
  xs.forEach((x, i) => {
    const error = w * x + b - ys[i]!;
    gw += (2 * error * x) / xs.length;
    gb += (2 * error) / xs.length;
    loss += (error * error) / xs.length;
  });
  [w, b] = [w - lr * gw, b - lr * gb];
  run.logMetrics({ loss, w, b }, { step });
}

await cairn.withRun({ experiment: "examples-linear", runName: "evaluate", parentRunId: run.runId }, async (evaluation) => {
  const mae = xs.reduce((sum, x, i) => sum + Math.abs(w * x + b - ys[i]!), 0) / xs.length;
  evaluation.logMetric("mae", mae);
});
await run.end();
console.log(`run ${run.runId}: w=${w.toFixed(3)} b=${b.toFixed(3)}; open it with: npx cairn runs get ${run.runId}`);
