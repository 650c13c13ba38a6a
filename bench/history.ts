// metrics/get-history of one key with 1,000,000 points, paged 25,000 at a time: time to read
// every page. Two figures: "delivered" (the client receives each page's bytes and takes the
// next_page_token from the answer's tail) and "parsed" (it also JSON.parses every page and
// counts the points, as a client building a chart would).
// usage: npx tsx bench/history.ts http://127.0.0.1:5000 [--points 1000000] [--repeat 5]
import { flag, freshExperiment, getRaw, median, post, serverFromArgs } from "./http.js";

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

/** Reads every page; returns the point count when parsing, the byte count otherwise. */
async function readAll(parse: boolean): Promise<{ pages: number; count: number }> {
  let token = "";
  let pages = 0;
  let count = 0;
  do {
    const query = `/metrics/get-history?run_id=${runId}&metric_key=loss&max_results=25000${token ? `&page_token=${encodeURIComponent(token)}` : ""}`;
    const { status, bytes } = await getRaw(base, query);
    if (status !== 200) throw new Error(`get-history answered ${status}: ${bytes.toString().slice(0, 300)}`);
    pages++;
    if (parse) {
      const page = JSON.parse(bytes.toString("utf8")) as { metrics?: unknown[]; next_page_token?: string };
      count += page.metrics?.length ?? 0;
      token = page.next_page_token ?? "";
    } else {
      count += bytes.length;
      token = /"next_page_token"\s*:\s*"([^"]+)"\s*\}\s*$/.exec(bytes.subarray(-300).toString("latin1"))?.[1] ?? "";
    }
  } while (token);
  return { pages, count };
}

for (const parse of [false, true]) {
  const times: number[] = [];
  let last = { pages: 0, count: 0 };
  for (let r = 0; r <= repeat; r++) {
    const t = performance.now();
    last = await readAll(parse);
    if (r > 0) times.push(performance.now() - t); // the first read warms caches
  }
  if (parse && last.count !== points) throw new Error(`read ${last.count} points, expected ${points}`);
  const what = parse ? `parsed (${last.count} points)` : `delivered (${(last.count / 1e6).toFixed(1)} MB)`;
  console.log(`history points=${points} pages=${last.pages} ${what} median_ms=${median(times).toFixed(0)}`);
}
