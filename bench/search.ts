// runs/search latency: N runs with 10 params and 10 metrics each, filter
// "metrics.m1 > 0.5 and params.p1 = 'x'", median of repeated calls. Every run matches the
// filter (as in the reference workload, whose 1,000-run answer is ~780 KB), so the answer is
// as large as max_results allows.
// usage: npx tsx bench/search.ts http://127.0.0.1:5000 [--runs 1000] [--max-results 1000] [--repeat 30]
//        [--order-by "metrics.m2 DESC"] [--experiment ID: search an experiment seeded before instead]
import { flag, freshExperiment, median, post, postRaw, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/search.ts <server-url> [--runs 1000] [--max-results 1000] [--repeat 30]");
const runs = Number(flag("runs", "1000"));
const maxResults = Number(flag("max-results", "1000"));
const repeat = Number(flag("repeat", "30"));
const orderBy = flag("order-by", "");
const reuse = flag("experiment", "");
const experimentId = reuse || (await freshExperiment(base, "bench-search"));

const seedStart = performance.now();
let created = reuse ? runs : 0;
const worker = async () => {
  while (created < runs) {
    const i = created++;
    const { run } = await post(base, "/runs/create", { experiment_id: experimentId, start_time: 1_700_000_000_000 + i });
    const params = Array.from({ length: 10 }, (_, p) => ({ key: `p${p}`, value: p === 1 ? "x" : `value-${p}-${i % 97}` }));
    const metrics = Array.from({ length: 10 }, (_, m) => ({ key: `m${m}`, value: m === 1 ? 0.5 + ((i % 499) + 1) / 1000 : ((i * 7919 + m * 104729) % 1000) / 1000, timestamp: 1_700_000_000_000 + i, step: i % 50 }));
    await post(base, "/runs/log-batch", { run_id: run.info.run_id, params, metrics });
    if (i > 0 && i % 10000 === 0) console.error(`seeded ${i}/${runs} runs`);
  }
};
await Promise.all(Array.from({ length: 8 }, worker));
if (!reuse) console.error(`seeded ${runs} runs in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const body = JSON.stringify({ experiment_ids: [experimentId], filter: "metrics.m1 > 0.5 and params.p1 = 'x'", max_results: maxResults, ...(orderBy ? { order_by: [orderBy] } : {}) });
const times: number[] = [];
let text = "";
for (let i = 0; i < repeat + 3; i++) {
  const t = performance.now();
  const answer = await postRaw(base, "/runs/search", body);
  if (answer.status !== 200) throw new Error(`runs/search answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  if (i >= 3) times.push(performance.now() - t); // the first calls warm caches and JITs
  text = answer.text;
}
// Parsed once, after timing: parsing every answer would leave the client's GC to run inside
// later timed calls.
const bytes = text.length;
const returned = (JSON.parse(text).runs ?? []).length;
console.log(`search runs=${runs} max_results=${maxResults}${orderBy ? ` order_by="${orderBy}"` : ""} returned=${returned} bytes=${bytes} median_ms=${median(times).toFixed(2)} p90_ms=${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)]!.toFixed(2)}`);
