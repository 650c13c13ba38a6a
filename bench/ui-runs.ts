// The runs page of an experiment with 10,000 runs, in a real headless Chromium (Debian's,
// through playwright-core), against a server seeded here through the REST API: time from
// navigation to the first rows visible, then frame times while scrolling to the end of the
// table (every page fetched on the way). bench/ui-charts.ts measures the charts.
// usage: npx tsx bench/ui-runs.ts http://127.0.0.1:5077 [--runs 10000] [--repeat 5]
import { chromium, type Page } from "playwright-core";
import { flag, freshExperiment, median, post, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/ui-runs.ts <server-url> [--runs 10000] [--repeat 5]");
const runCount = Number(flag("runs", "10000"));
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

const seedStart = performance.now();
const runsExperiment = await seedRuns();
console.error(`seeded ${runCount} runs in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

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

await browser.close();
