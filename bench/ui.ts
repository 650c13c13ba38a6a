// The web UI in a real headless Chromium (Debian's, through playwright-core), against a server
// seeded here through the REST API:
// - runs page of an experiment with 10,000 runs: time from navigation to the first rows
//   visible, then frame times while scrolling to the end of the table;
// - a metric chart of 1,000,000 points: time from navigation to the chart drawn;
// - compare 10 runs (10,000 points each, 3 metrics): time until every chart is drawn.
// usage: npx tsx bench/ui.ts http://127.0.0.1:5077 [--runs 10000] [--points 1000000] [--repeat 5]
import { chromium, type Page } from "playwright-core";
import { flag, freshExperiment, median, post, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/ui.ts <server-url> [--runs 10000] [--points 1000000] [--repeat 5]");
const runCount = Number(flag("runs", "10000"));
const points = Number(flag("points", "1000000"));
const repeat = Number(flag("repeat", "5"));
const CHROMIUM = process.env.CAIRN_CHROMIUM ?? "/usr/bin/chromium";

/** Runs `count` jobs, `width` at a time. */
async function pool(count: number, width: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await job(next++);
  }));
}

async function seedRuns(): Promise<string> {
  const experimentId = await freshExperiment(base, "bench-ui-runs");
  await pool(runCount, 8, async (i) => {
    const { run } = await post(base, "/runs/create", { experiment_id: experimentId, run_name: `run-${String(i).padStart(5, "0")}`, start_time: 1_700_000_000_000 + i * 1000 });
    await post(base, "/runs/log-batch", {
      run_id: run.info.run_id,
      params: Array.from({ length: 5 }, (_, p) => ({ key: `p${p}`, value: String((i * (p + 1)) % 17) })),
      metrics: Array.from({ length: 5 }, (_, m) => ({ key: `m${m}`, value: Math.sin(i + m), timestamp: 1_700_000_000_000 + i, step: 0 })),
      tags: [{ key: "team", value: i % 2 ? "vision" : "nlp" }],
    });
  });
  return experimentId;
}

async function seedHistory(experimentId: string, name: string, count: number, keys: string[]): Promise<string> {
  const { run } = await post(base, "/runs/create", { experiment_id: experimentId, run_name: name });
  const runId: string = run.info.run_id;
  for (const key of keys) {
    for (let start = 0; start < count; start += 1000) {
      const metrics = Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
        const step = start + i;
        return { key, value: 1 / (step + 1) + (step === Math.floor(count / 3) ? 5 : 0), timestamp: 1_700_000_000_000 + step * 10, step };
      });
      await post(base, "/runs/log-batch", { run_id: runId, metrics });
    }
  }
  return runId;
}

const seedStart = performance.now();
const runsExperiment = await seedRuns();
const chartsExperiment = await freshExperiment(base, "bench-ui-charts");
const bigRun = await seedHistory(chartsExperiment, "one-million", points, ["loss"]);
const compared: string[] = [];
for (let i = 0; i < 10; i++) compared.push(await seedHistory(chartsExperiment, `compare-${i}`, 10_000, ["loss", "accuracy", "lr"]));
console.error(`seeded ${runCount} runs, a ${points}-point history and 10 compared runs in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });

/** Median over `repeat` fresh pages of the time from navigation start to `ready` resolving. */
async function timed(url: string, ready: (page: Page) => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat + 1; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, baseURL: base });
    const started = performance.now();
    await page.goto(url);
    await ready(page);
    // The first load fills Chromium's HTTP cache with the app's assets, as a returning user has.
    if (i > 0) times.push(performance.now() - started);
    await page.close();
  }
  return median(times);
}

const runsPage = `/experiments/${runsExperiment}`;
const firstRows = await timed(runsPage, (page) => page.locator("[data-run-row]").first().waitFor());
console.log(`ui runs page, ${runCount} runs: first rows visible median_ms=${firstRows.toFixed(0)}`);

// Scrolling: the table's scroller is moved to its end in steps, one per frame; frame times are
// measured in the page with requestAnimationFrame until the last run's row is shown.
const scrollPage = await browser.newPage({ viewport: { width: 1280, height: 800 }, baseURL: base });
await scrollPage.goto(runsPage);
await scrollPage.locator("[data-run-row]").first().waitFor();
const scroll = await scrollPage.evaluate(async (expected) => {
  const scroller = document.querySelector("[data-runs-scroller]") as HTMLElement;
  const frames: number[] = [];
  let last = performance.now();
  const started = last;
  while (performance.now() - started < 120_000) {
    scroller.scrollTop += 2000;
    await new Promise(requestAnimationFrame);
    const now = performance.now();
    frames.push(now - last);
    last = now;
    if (document.querySelector(`[data-run-name="${expected}"]`)) break;
  }
  frames.sort((a, b) => a - b);
  return { ms: performance.now() - started, frames: frames.length, p50: frames[frames.length >> 1]!, p95: frames[Math.floor(frames.length * 0.95)]!, reached: Boolean(document.querySelector(`[data-run-name="${expected}"]`)) };
}, "run-00000");
await scrollPage.close();
console.log(`ui runs page, ${runCount} runs: scrolled to the end in ms=${scroll.ms.toFixed(0)} frames=${scroll.frames} frame_p50_ms=${scroll.p50.toFixed(1)} frame_p95_ms=${scroll.p95.toFixed(1)} reached_last=${scroll.reached}`);

const drawn = (count: number) => (page: Page) => page.waitForFunction((n) => document.querySelectorAll("[data-chart-state='ready']").length >= n, count, { timeout: 60_000 }).then(() => undefined);
const oneMillion = await timed(`/experiments/${chartsExperiment}/runs/${bigRun}?tab=metrics`, drawn(1));
console.log(`ui chart, ${points} points: first render median_ms=${oneMillion.toFixed(0)}`);
const compare = await timed(`/compare?runs=${compared.join(",")}`, drawn(3));
console.log(`ui compare, 10 runs x 3 metrics x 10,000 points: all charts drawn median_ms=${compare.toFixed(0)}`);
await browser.close();
