import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { auditAccessibility } from "./helpers/accessibility-audit.js";
import { startUiHarness, type UiHarness } from "./helpers/browser.js";
import { seedMonitor } from "./helpers/seed-monitor.js";

// Every page, seeded with enough to show its tables, charts and forms, audited for labels,
// keyboard reachability and contrast; and one page walked with the Tab key alone.
describe("accessibility basics on every page", () => {
  let ui: UiHarness;
  let page: Page;
  const urls: string[] = [];
  before(async () => {
    ui = await startUiHarness();
    const { experiment_id } = await ui.client.experiments.create({ name: "audit" });
    const parent = (await ui.client.runs.create({ experiment_id, run_name: "parent", tags: [{ key: "mlflow.user", value: "ada" }] })).run;
    const child = (await ui.client.runs.create({ experiment_id, run_name: "child", tags: [{ key: "mlflow.parentRunId", value: parent.info.run_id }] })).run;
    for (const [i, run] of [parent, child].entries()) {
      await ui.client.runs.logBatch({
        run_id: run.info.run_id,
        params: [{ key: "lr", value: String(0.1 * (i + 1)) }],
        metrics: Array.from({ length: 50 }, (_, step) => ({ key: "loss", value: 1 / (step + 1 + i), timestamp: 1_700_000_000_000 + step, step })),
        tags: [{ key: "team", value: "vision" }],
      });
    }
    await ui.client.runs.update({ run_id: parent.info.run_id, status: "FINISHED", end_time: Date.now() });
    const artifact = `${ui.server.url}/api/2.0/mlflow-artifacts/artifacts/${parent.info.artifact_uri.replace("mlflow-artifacts:/", "")}/notes.txt`;
    assert.equal((await fetch(artifact, { method: "PUT", body: "hello" })).status, 200);
    await ui.client.registry.createRegisteredModel({ name: "churn", description: "# Churn\n\n- a list" });
    await ui.client.registry.createModelVersion({ name: "churn", source: `${parent.info.artifact_uri}/model`, run_id: parent.info.run_id });
    await ui.client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
    const monitored = await seedMonitor(ui, { prefix: "audit", experimentId: experiment_id });
    const run = `/experiments/${experiment_id}/runs/${parent.info.run_id}`;
    urls.push(
      "/experiments",
      `/experiments/${experiment_id}`,
      run,
      `${run}?tab=metrics`,
      `${run}?tab=artifacts&path=notes.txt`,
      `/compare?runs=${parent.info.run_id},${child.info.run_id}`,
      "/models",
      "/models/churn",
      "/models/churn/versions/1",
      `/models/${monitored.model}/versions/1`,
      "/monitors",
      `/monitors/${monitored.monitor}`,
      `/monitors/${monitored.monitor}?feature=plan&window=${monitored.windows[3]}`,
      `/monitors/${monitored.deploymentMonitor}`,
      "/deployments",
      `/deployments/${monitored.deployment}`,
    );
    page = await ui.newPage();
  });
  after(() => ui.close());

  it("labels every control, keeps every control in the tab order, and passes AA contrast", async () => {
    const problems: string[] = [];
    for (const url of urls) {
      await page.goto(url);
      await page.locator("main h1").first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0, undefined, { timeout: 15_000 });
      for (const problem of await auditAccessibility(page)) problems.push(`${url}: ${problem}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(ui.pageErrors, []);
  });

  it("reaches the search box, the create button and an experiment's link with Tab alone", async () => {
    await page.goto("/experiments");
    await page.getByRole("link", { name: "audit" }).waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      reached.add(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent?.trim() ?? ""));
    }
    for (const name of ["Skip to content", "New experiment", "Search", "audit", "Rename audit"]) assert.ok(reached.has(name), `Tab never reached "${name}": ${[...reached].join(" | ")}`);
  });

  it("is checked by an audit that does find a missing label and low contrast", async () => {
    await page.goto("/experiments");
    await page.getByRole("link", { name: "audit" }).waitFor();
    await page.evaluate(() => {
      const input = document.createElement("input");
      const faint = document.createElement("p");
      faint.textContent = "faint";
      faint.style.color = "#cccccc";
      document.querySelector("main")!.append(input, faint);
    });
    const problems = await auditAccessibility(page);
    assert.ok(problems.some((p) => p.startsWith("no label: input")), problems.join("\n"));
    assert.ok(problems.some((p) => p.startsWith("contrast 1.6")), problems.join("\n"));
  });
});
