// metrics/get-history of one key with 1,000,000 points, paged 25,000 at a time: time to read all pages.
// usage: npx tsx bench/history.ts http://127.0.0.1:5000 [--points 1000000] [--repeat 5]
import { flag, freshExperiment, get, median, post, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/history.ts <server-url> [--points 1000000] [--repeat 5]");
const points = Number(flag("points", "1000000"));
const repeat = Number(flag("repeat", "5"));
const experimentId = await freshExperiment(base, "bench-history");
const { run } = await post(base, "/runs/create", { experiment_id: experimentId });
const runId: string = run.info.run_id;

const seedStart = performance.now();
for (let start = 0; start < points; start += 1000) {
  const metrics = Array.from({ length: Math.min(1000, points - start) }, (_, i) => ({ key: "loss", value: 1 / (start + i + 1), timestamp: 1_700_000_000_000 + start + i, step: start + i }));
  await post(base, "/runs/log-batch", { run_id: runId, metrics });
}
console.error(`seeded ${points} points in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const times: number[] = [];
for (let r = 0; r < repeat + 1; r++) {
  const t = performance.now();
  let read = 0;
  let pages = 0;
  let token = "";
  do {
    const page = await get<{ metrics?: unknown[]; next_page_token?: string }>(
      base,
      `/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=25000${token ? `&page_token=${encodeURIComponent(token)}` : ""}`,
    );
    read += page.metrics?.length ?? 0;
    pages++;
    token = page.next_page_token ?? "";
  } while (token);
  if (read !== points) throw new Error(`read ${read} points, expected ${points}`);
  if (r > 0) times.push(performance.now() - t);
  if (r === repeat) console.log(`history points=${points} pages=${pages} median_ms=${median(times).toFixed(0)} (all pages, parsed by the client)`);
}
