import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { screenshot, startUiHarness, type UiHarness } from "./helpers/browser.js";

const SPIKE = 1000;
const LONG = 20_000;

describe("metric charts and the compare page", () => {
  let ui: UiHarness;
  let page: Page;
  const ids: string[] = [];
  const names = ["baseline", "spiky", "wide"];

  before(async () => {
    ui = await startUiHarness();
    const { experiment_id } = await ui.client.experiments.create({ name: "compare" });
    for (const [i, name] of names.entries()) {
      const runId = (await ui.client.runs.create({ experiment_id, run_name: name })).run.info.run_id;
      ids.push(runId);
      const n = name === "spiky" ? LONG : 200;
      for (let start = 0; start < n; start += 1000) {
        const metrics = Array.from({ length: Math.min(1000, n - start) }, (_, j) => {
          const step = start + j;
          const loss = step === 12_345 ? SPIKE : 2 / (1 + step / 100) + i * 0.1;
          return [
            { key: "loss", value: loss, timestamp: 1_700_000_000_000 + step * 1000, step },
            { key: "acc", value: 0.5 + 0.4 * (1 - 1 / (1 + step / 50)) - i * 0.05, timestamp: 1_700_000_000_000 + step * 1000, step },
          ];
        }).flat();
        await ui.client.runs.logBatch({ run_id: runId, metrics: metrics.slice(0, 1000) });
        if (metrics.length > 1000) await ui.client.runs.logBatch({ run_id: runId, metrics: metrics.slice(1000) });
      }
      await ui.client.runs.logBatch({
        run_id: runId,
        params: [{ key: "lr", value: String(0.1 / (i + 1)) }, { key: "optimizer", value: "adam" }, { key: "layers", value: String(2 + i) }],
        tags: [{ key: "team", value: i === 2 ? "vision" : "core" }],
      });
    }
    page = await ui.newPage();
  });
  after(() => ui.close());

  const chart = (key: string) => page.locator(`figure.metric-chart[data-metric="${key}"]`);

  it("keeps the single spike of a 20,000-point history when downsampling", async () => {
    const h = await ui.client.metrics.getHistoryDownsampled({ run_id: ids[1]!, metric_key: "loss", max_points: 500 });
    assert.equal(h.downsampled, true);
    assert.equal(h.total_points, LONG);
    assert.ok(h.points.length <= 500);
    assert.deepEqual(h.points.find((p) => p.value === SPIKE)?.step, 12_345);
  });

  it("charts every common metric with the runs overlaid and the spike visible", async () => {
    await page.goto(`/compare?runs=${ids.join(",")}`);
    await page.locator("figure.metric-chart[data-resolution] canvas").nth(1).waitFor();
    assert.equal(await page.locator("figure.metric-chart canvas").count(), 2);
    assert.deepEqual(await page.locator("figure.metric-chart").evaluateAll((els) => els.map((e) => e.getAttribute("data-metric"))), ["acc", "loss"]);
    const legend = await chart("loss").locator(".u-legend .u-series .u-label").allTextContents();
    assert.deepEqual(legend.slice(1), names);
    assert.equal(await chart("loss").getAttribute("data-resolution"), "downsampled");
    assert.equal(Number(await chart("loss").getAttribute("data-max-value")), SPIKE);
    await screenshot(page, "compare");
  });

  it("zooms a dragged range in at full resolution and zooms back out", async () => {
    const over = chart("loss").locator(".u-over");
    const box = (await over.boundingBox())!;
    const requested = page.waitForRequest((r) => r.url().includes("history-downsampled") && r.url().includes("start=") && r.url().includes(ids[1]!));
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.61, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const url = new URL((await requested).url());
    const start = Number(url.searchParams.get("start"));
    const end = Number(url.searchParams.get("end"));
    assert.ok(start > 10_000 && end < 14_000 && end - start < 800 && end > start, `zoomed to ${start}..${end}`);
    await page.waitForSelector(`figure.metric-chart[data-metric="loss"][data-resolution="full"]`);
    assert.match((await chart("loss").locator(".chart-status").textContent()) ?? "", /full resolution/);
    await screenshot(page, "chart-zoomed");
    await chart("loss").getByRole("button", { name: "Reset zoom" }).click();
    await page.waitForSelector(`figure.metric-chart[data-metric="loss"][data-resolution="downsampled"]`);
  });

  it("switches the y axis to a log scale", async () => {
    await page.getByLabel("Log scale (y)").check();
    await page.waitForSelector(`figure.metric-chart[data-metric="loss"][data-scale="log"] canvas`);
    assert.equal(await page.locator("figure.metric-chart[data-scale=log] canvas").count(), 2);
    await page.getByLabel("Log scale (y)").uncheck();
  });

  it("draws a parallel-coordinates line and a scatter point per run", async () => {
    assert.equal(await page.locator("svg.parallel-coordinates path.pc-line").count(), 3);
    assert.match((await page.locator("svg.parallel-coordinates title").first().textContent()) ?? "", /3 runs/);
    assert.equal(await page.locator("svg.scatter-plot circle.scatter-point").count(), 3);
    assert.deepEqual(await page.locator("svg.scatter-plot circle.scatter-point title").allTextContents().then((t) => t.map((s) => s.split(":")[0])), names);
    await page.getByLabel("X", { exact: true }).selectOption("param:layers");
    await page.waitForURL(/x=param%3Alayers|x=param:layers/);
    assert.equal(await page.locator("svg.scatter-plot circle.scatter-point").count(), 3);
  });

  it("highlights differing rows and hides equal ones on request", async () => {
    assert.match((await page.locator('tr[data-field="param:lr"]').getAttribute("class")) ?? "", /differs/);
    assert.equal(await page.locator('tr[data-field="param:optimizer"]').getAttribute("class"), null);
    await page.getByLabel("Only differences").check();
    await page.locator('tr[data-field="param:optimizer"]').waitFor({ state: "detached" });
    assert.equal(await page.locator('tr[data-field="param:lr"]').count(), 1);
    const links = await page.locator("table.diff-table thead a").allTextContents();
    assert.deepEqual(links, names);
  });

  it("shows the server's error for an unknown run", async () => {
    await page.goto(`/compare?runs=${ids[0]},${"f".repeat(32)}`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /RESOURCE_DOES_NOT_EXIST/);
  });

  it("raised no page errors", () => {
    assert.deepEqual(ui.pageErrors, []);
  });
});
