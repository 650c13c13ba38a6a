// Cairn's metrics/history-downsampled on one key with 1,000,000 points: median time of the whole
// answer (max_points=1000, min/max per bucket) as a chart would ask for it, plus a zoomed range
// that comes back at full resolution.
// usage: npx tsx bench/downsample.ts http://127.0.0.1:5000 [--points 1000000] [--repeat 7]
import { flag, freshExperiment, median, post, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/downsample.ts <server-url> [--points 1000000] [--repeat 7]");
const points = Number(flag("points", "1000000"));
const repeat = Number(flag("repeat", "7"));
const experimentId = await freshExperiment(base, "bench-downsample");
const { run } = await post(base, "/runs/create", { experiment_id: experimentId });
const runId: string = run.info.run_id;

const seedStart = performance.now();
for (let start = 0; start < points; start += 1000) {
  const metrics = Array.from({ length: Math.min(1000, points - start) }, (_, i) => ({ key: "loss", value: Math.sin((start + i) / 5000) + (start + i === 654_321 ? 100 : 0), timestamp: 1_700_000_000_000 + start + i, step: start + i }));
  await post(base, "/runs/log-batch", { run_id: runId, metrics });
}
console.error(`seeded ${points} points in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

/** Median wall time of one GET of the endpoint; checks the spike survived where it is in range. */
async function measure(label: string, query: string): Promise<void> {
  const times: number[] = [];
  let answer: { points: { step: number; value: number }[]; total_points: number; downsampled: boolean } | undefined;
  for (let r = 0; r <= repeat; r++) {
    const t = performance.now();
    const response = await fetch(`${base}/api/2.0/cairn/metrics/history-downsampled?run_id=${runId}&metric_key=loss&${query}`);
    const text = await response.text();
    if (!response.ok) throw new Error(`history-downsampled answered ${response.status}: ${text.slice(0, 300)}`);
    answer = JSON.parse(text);
    if (r > 0) times.push(performance.now() - t); // the first read warms caches
  }
  const spike = answer!.points.some((p) => p.value > 50);
  console.log(`downsample ${label} total_points=${answer!.total_points} returned=${answer!.points.length} downsampled=${answer!.downsampled} spike_kept=${spike} median_ms=${median(times).toFixed(0)}`);
}

await measure("step", "max_points=1000");
await measure("timestamp", "max_points=1000&x_axis=timestamp");
await measure("zoom", "max_points=1000&start=654000&end=654900");
