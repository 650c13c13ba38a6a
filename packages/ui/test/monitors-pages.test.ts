import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { screenshot, startUiHarness, type UiHarness } from "./helpers/browser.js";
import { seedMonitor, type SeededMonitor } from "./helpers/seed-monitor.js";

describe("monitoring pages", () => {
  let ui: UiHarness;
  let page: Page;
  let seed: SeededMonitor;

  before(async () => {
    ui = await startUiHarness();
    seed = await seedMonitor(ui);
    page = await ui.newPage();
  });
  after(() => ui.close());

  const heatmap = () => page.locator("table.drift-heatmap");
  const cell = (feature: string, windowStart: number) => heatmap().locator(`tr[data-feature="${feature}"] button[data-window="${windowStart}"]`);
  const overlay = () => page.locator("figure.distribution-panel");

  it("lists the monitors with what they watch, and filters by deployment", async () => {
    await page.goto("/monitors");
    await page.getByRole("link", { name: seed.monitor, exact: true }).waitFor();
    const row = page.locator(`table.monitors-table tr[data-monitor="${seed.monitor}"]`);
    assert.equal(await row.getByRole("link", { name: seed.model }).getAttribute("href"), `/models/${seed.model}`);
    const cells = await row.locator("td").allTextContents();
    assert.equal(cells[2], "1 h");
    assert.equal(cells[3], "3");
    assert.equal(cells[4], "400");
    // The latest window with events (window 5) is back to normal: no feature drifted.
    await row.locator("[data-drift-share]").waitFor();
    assert.ok(Number(await row.locator("[data-drift-share]").getAttribute("data-drift-share")) < 0.3);
    const other = page.locator(`table.monitors-table tr[data-monitor="${seed.deploymentMonitor}"]`);
    assert.equal(await other.getByRole("link", { name: seed.deployment, exact: true }).getAttribute("href"), `/deployments/${seed.deployment}`);
    await screenshot(page, "monitors");

    await page.goto(`/monitors?deployment=${seed.deployment}`);
    await page.getByRole("link", { name: seed.deploymentMonitor }).waitFor();
    assert.deepEqual(await page.locator("table.monitors-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-monitor"))), [seed.deploymentMonitor]);
    await page.goto("/monitors?model=no-such-model");
    await page.getByText("No monitor watches model no-such-model.").waitFor();
  });

  it("shows a features × windows heatmap whose drifted cells are marked, not only coloured", async () => {
    await page.goto(`/monitors/${seed.monitor}`);
    await heatmap().waitFor();
    assert.deepEqual(await heatmap().locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-feature"))), seed.features);
    assert.equal(await heatmap().locator("tbody button").count(), seed.features.length * seed.windows.length);
    assert.deepEqual(await heatmap().locator("tbody tr").first().locator("button").evaluateAll((bs) => bs.map((b) => Number(b.getAttribute("data-window")))), seed.windows);
    // age and plan shift in windows 3 and 4 only.
    for (const feature of ["age", "plan"]) {
      const drifted = await heatmap().locator(`tr[data-feature="${feature}"] button`).evaluateAll((bs) => bs.map((b) => b.getAttribute("data-drifted") === "true"));
      assert.deepEqual(drifted, [false, false, false, true, true, false], feature);
    }
    const marked = cell("age", seed.windows[3]!);
    assert.equal(await marked.textContent(), "!");
    assert.match((await marked.getAttribute("class")) ?? "", /\bdrifted\b/);
    assert.match((await marked.getAttribute("aria-label")) ?? "", /^age, window .*: ks [\d.e-]+ \(threshold 0\.05\), drifted$/);
    assert.equal(await marked.getAttribute("title"), await marked.getAttribute("aria-label"));
    const calm = cell("age", seed.windows[0]!);
    assert.equal(await calm.textContent(), "");
    assert.match((await calm.getAttribute("aria-label")) ?? "", /no drift$/);
    // A drifted cell is darker than a calm one.
    assert.ok(Number(await marked.getAttribute("data-severity")) >= 1);
    assert.ok(Number(await calm.getAttribute("data-severity")) < 1);
    const summary = page.locator(".report-figures");
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? "", /900 events in 6 windows/);
    await screenshot(page, "monitor");
  });

  it("selects a feature and window by clicking a cell, with deep links and back/forward", async () => {
    await page.goto(`/monitors/${seed.monitor}`);
    await heatmap().waitFor();
    await cell("plan", seed.windows[3]!).click();
    await page.waitForURL(new RegExp(`feature=plan.*window=${seed.windows[3]}|window=${seed.windows[3]}.*feature=plan`));
    await page.locator(`figure.distribution-panel[data-shown="plan@${seed.windows[3]}"]`).waitFor();
    assert.equal(await overlay().getByLabel("Feature").inputValue(), "plan");
    assert.equal(await overlay().getByLabel("Window").inputValue(), String(seed.windows[3]));
    assert.equal(await cell("plan", seed.windows[3]!).getAttribute("class").then((c) => /selected/.test(c ?? "")), true);
    // Categorical: a pair of bars per category; the drifted window has more enterprise customers than the reference.
    const enterprise = overlay().locator('g.distribution-bin[data-label="enterprise"] title');
    const tip = (await enterprise.textContent()) ?? "";
    const [, ref, cur] = /reference ([\d.]+)%, current ([\d.]+)%/.exec(tip) ?? [];
    assert.ok(Number(cur) > Number(ref) + 20, tip);

    await cell("age", seed.windows[1]!).click();
    await page.locator(`figure.distribution-panel[data-shown="age@${seed.windows[1]}"]`).waitFor();
    assert.ok((await overlay().locator("g.distribution-bin").count()) > 3, "a numeric feature is drawn as histogram bins");

    // The selects change the URL the same way.
    await overlay().getByLabel("Window").selectOption("");
    await page.locator('figure.distribution-panel[data-shown="age@all"]').waitFor();

    await page.goBack();
    await page.locator(`figure.distribution-panel[data-shown="age@${seed.windows[1]}"]`).waitFor();
    await page.goBack();
    await page.locator(`figure.distribution-panel[data-shown="plan@${seed.windows[3]}"]`).waitFor();
    await page.goForward();
    await page.locator(`figure.distribution-panel[data-shown="age@${seed.windows[1]}"]`).waitFor();

    // A deep link opens on its selection.
    await page.goto(`/monitors/${seed.monitor}?feature=income&window=${seed.windows[2]}&range=7d`);
    await page.locator(`figure.distribution-panel[data-shown="income@${seed.windows[2]}"]`).waitFor();
    assert.equal(await page.getByRole("button", { name: "Last 7 days" }).getAttribute("aria-pressed"), "true");
    await screenshot(page, "monitor-selected");
  });

  it("moves through the heatmap with the arrow keys from a single tab stop", async () => {
    await page.goto(`/monitors/${seed.monitor}?feature=age&window=${seed.windows[0]}`);
    await heatmap().waitFor();
    assert.equal(await heatmap().locator('button[tabindex="0"]').count(), 1);
    await cell("age", seed.windows[0]!).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-window")), String(seed.windows[1]));
    assert.equal(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-feature")), "income");
    await page.keyboard.press("Enter");
    await page.locator(`figure.distribution-panel[data-shown="income@${seed.windows[1]}"]`).waitFor();
  });

  it("charts realised and estimated performance and the drift share over the windows", async () => {
    await page.goto(`/monitors/${seed.monitor}`);
    const performance = page.locator('figure.monitor-chart[data-chart="performance"]');
    await performance.locator("canvas").waitFor();
    const series = ((await performance.getAttribute("data-series")) ?? "").split(",");
    for (const figure of ["accuracy", "f1", "estimated_f1"]) assert.ok(series.includes(figure), `${figure} missing from ${series.join(",")}`);
    assert.equal(await performance.getAttribute("data-points"), "6");
    const legend = await performance.locator(".u-legend .u-series .u-label").allTextContents();
    assert.ok(legend.includes("estimated_f1"), legend.join(","));
    const share = page.locator('figure.monitor-chart[data-chart="drift-share"]');
    await share.locator("canvas").waitFor();
    assert.equal(await share.getAttribute("data-series"), "drift_share,dataset drift threshold");
  });

  it("shows the alert rule's state and the fired alert in the timeline", async () => {
    await page.goto(`/monitors/${seed.monitor}`);
    const rule = page.locator('table.alert-rules tr[data-rule="inputs-drifted"]');
    await rule.waitFor();
    assert.match((await rule.textContent()) ?? "", /drift_share > 0\.3/);
    const firing = page.locator('.alert-timeline li[data-state="FIRING"]');
    await firing.first().waitFor();
    assert.match((await firing.first().textContent()) ?? "", /inputs-drifted/);
    assert.match((await firing.first().locator("time").getAttribute("datetime")) ?? "", new RegExp(new Date(seed.windows[3]!).toISOString().slice(0, 13)));
    assert.equal(await page.locator('.alert-timeline li[data-state="RESOLVED"]').count(), 1);
    // Data quality counts the problems the seed put in.
    const quality = page.locator("table.quality-table");
    await quality.waitFor();
    const income = await quality.locator('tr[data-column="income"] td').allTextContents();
    assert.equal(income[1], "18", "income was a string in 3 events per window");
    assert.equal(await quality.locator('tr[data-column="coupon"] td').nth(2).textContent(), "18");
    assert.equal(await quality.locator('tr[data-column="plan"] td').nth(0).textContent(), "18");
  });

  it("shows A/B verdicts for a deployment's monitor, and none for a single model", async () => {
    await page.goto(`/monitors/${seed.deploymentMonitor}`);
    const variants = page.locator("table.ab-variants");
    await variants.waitFor();
    assert.deepEqual(await variants.locator("tbody th").allTextContents(), ["1", "2"]);
    await page.goto(`/monitors/${seed.monitor}`);
    await heatmap().waitFor();
    await page.locator("table.quality-table").waitFor();
    assert.equal(await page.locator("table.ab-variants").count(), 0);
  });

  it("links deployments to their monitors and the model version page to its model's monitors", async () => {
    await page.goto("/deployments");
    const row = page.locator(`table.deployments-table tr[data-deployment="${seed.deployment}"]`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? "", /A\/B v1 50% \/ v2 50%/);
    await row.getByRole("link", { name: `Monitors of ${seed.deployment}` }).click();
    await page.waitForURL(`**/monitors?deployment=${seed.deployment}`);
    await page.getByRole("link", { name: seed.deploymentMonitor }).waitFor();

    await page.goto(`/deployments/${seed.deployment}`);
    await page.locator(`table.monitors-table tr[data-monitor="${seed.deploymentMonitor}"]`).waitFor();

    await page.goto(`/models/${seed.model}/versions/1`);
    const section = page.locator("ul.model-monitors");
    await section.waitFor();
    assert.deepEqual(await section.getByRole("link").allTextContents(), [seed.monitor]);
    await section.getByRole("link", { name: seed.monitor }).click();
    await page.waitForURL(`**/monitors/${seed.monitor}`);
    await heatmap().waitFor();
  });

  it("shows the server's error for an unknown monitor or deployment", async () => {
    await page.goto("/monitors/no-such-monitor");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /Could not load the monitor.*RESOURCE_DOES_NOT_EXIST/s);
    await page.goto("/deployments/no-such-deployment");
    await page.getByRole("alert").waitFor();
    assert.match((await page.getByRole("alert").textContent()) ?? "", /RESOURCE_DOES_NOT_EXIST/);
  });

  it("works at phone width", async () => {
    const phone = await ui.newPage({ width: 390, height: 844 });
    await phone.goto(`/monitors/${seed.monitor}`);
    await phone.locator("table.drift-heatmap").waitFor();
    await phone.locator('figure.monitor-chart[data-chart="performance"] canvas').waitFor();
    // The page itself does not scroll sideways; the heatmap scrolls inside its box.
    assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), true);
    await screenshot(phone, "monitor-phone");
    await phone.close();
  });

  it("threw no page errors", () => {
    assert.deepEqual(ui.pageErrors, []);
  });
});
