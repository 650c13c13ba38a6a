// Time to first render of metric charts in Chromium: a 1,000,000-point metric on /compare with one
// run, and 10 runs' charts (2 metrics x 10,000 points each). Measured from navigation start to
// every chart's canvas being drawn with data; median of --repeat loads.
// usage: npx tsx bench/ui-charts.ts [--points 1000000] [--repeat 5]
import { startUiHarness } from "../packages/ui/test/helpers/browser.js";
import { flag, median } from "./http.js";

const points = Number(flag("points", "1000000"));
const repeat = Number(flag("repeat", "5"));
const ui = await startUiHarness();
try {
  const { experiment_id } = await ui.client.experiments.create({ name: "bench-ui-charts" });
  const seed = async (name: string, keys: string[], n: number) => {
    const runId = (await ui.client.runs.create({ experiment_id, run_name: name })).run.info.run_id;
    const perBatch = Math.floor(1000 / keys.length);
    for (let start = 0; start < n; start += perBatch) {
      const metrics = Array.from({ length: Math.min(perBatch, n - start) }, (_, j) => keys.map((key) => ({ key, value: Math.sin((start + j) / 3000) + Math.random() * 0.1, timestamp: 1_700_000_000_000 + (start + j) * 10, step: start + j }))).flat();
      await ui.client.runs.logBatch({ run_id: runId, metrics });
    }
    return runId;
  };
  const big = await seed("big", ["loss"], points);
  const ten: string[] = [];
  for (let i = 0; i < 10; i++) ten.push(await seed(`run-${i}`, ["loss", "acc"], 10_000));

  const page = await ui.newPage();
  const timeToCharts = async (runIds: string[], charts: number) => {
    const times: number[] = [];
    for (let r = 0; r <= repeat; r++) {
      // A fresh document each time: TanStack Query's cache lives in the page.
      await page.goto("about:blank");
      const t = performance.now();
      await page.goto(`/compare?runs=${runIds.join(",")}`);
      await page.waitForFunction((n) => document.querySelectorAll("figure.metric-chart[data-resolution] canvas").length === n, charts, { timeout: 60_000 });
      if (r > 0) times.push(performance.now() - t); // the first load warms the server's caches
    }
    return median(times);
  };
  console.log(`ui-charts one metric of ${points} points: first render median_ms=${(await timeToCharts([big], 1)).toFixed(0)}`);
  console.log(`ui-charts compare 10 runs x 2 metrics x 10000 points: first render median_ms=${(await timeToCharts(ten, 2)).toFixed(0)}`);
  if (ui.pageErrors.length > 0) throw new Error(`page errors: ${ui.pageErrors.join("; ")}`);
} finally {
  await ui.close();
}
