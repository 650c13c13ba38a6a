import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { auditAccessibility } from "./helpers/accessibility-audit.js";
import { startUiHarness, type UiHarness } from "./helpers/browser.js";

// With authentication off the UI is what it always was: no sign-in, no account, no governance
// links; the pages that work without auth (approvals, model cards) still do, as "anonymous".
describe("governance UI with authentication off", () => {
  let ui: UiHarness;
  let page: Page;
  before(async () => {
    ui = await startUiHarness();
    const { experiment_id } = await ui.client.experiments.create({ name: "plain" });
    const { run } = await ui.client.runs.create({ experiment_id, run_name: "fit" });
    await ui.client.registry.createRegisteredModel({ name: "plain-model" });
    await ui.client.registry.createModelVersion({ name: "plain-model", source: `${run.info.artifact_uri}/model`, run_id: run.info.run_id });
    page = await ui.newPage();
  });
  after(() => ui.close());

  it("shows no sign-in, account or governance links, and no permissions panel", async () => {
    await page.goto("/models/plain-model");
    await page.getByRole("heading", { name: "plain-model" }).waitFor();
    assert.deepEqual(await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents(), ["Experiments", "Models", "Deployments", "Monitors"]);
    assert.equal(await page.getByRole("button", { name: "Sign out" }).count(), 0);
    assert.equal(await page.locator(".permissions-panel").count(), 0);
    await page.goto("/signin?next=/models");
    await page.getByText("This server runs without authentication").waitFor();
    assert.equal(await page.getByRole("link", { name: "Continue" }).getAttribute("href"), "/models");
  });

  it("requests and approves without four-eyes, edits the model card, and says why four-eyes cannot work anonymously", async () => {
    await page.goto("/models/plain-model/versions/1");
    const request = page.getByRole("form", { name: "Request approval for version 1" });
    await request.getByLabel("Alias name").fill("champion");
    await request.getByRole("button", { name: "Request approval" }).click();
    const pending = page.locator('.version-approvals tr[data-status="PENDING"]');
    await pending.getByRole("button", { name: /^Approve request/ }).click();
    await page.locator('.version-approvals tr[data-status="APPROVED"]').waitFor();
    const moved = await ui.client.registry.getModelVersionByAlias({ name: "plain-model", alias: "champion" });
    assert.equal(moved.model_version.version, "1");

    await page.getByRole("button", { name: "Edit model card" }).click();
    await page.getByLabel("Intended use").fill("A demo.");
    await page.getByRole("button", { name: "Save model card" }).click();
    await page.locator(".card-fields", { hasText: "A demo." }).waitFor();
    await page.locator(".card-approvals", { hasText: "APPROVED — asked by anonymous" }).waitFor();

    const policy = await fetch(`${ui.server.url}/api/2.0/cairn/approval-policies/set`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "plain-model", aliases: ["champion"], stages: [] }) });
    assert.equal(policy.status, 200, await policy.text());
    await page.goto("/approvals");
    await page.getByText("Nothing waits for a decision.").waitFor();
    await page.goto("/models/plain-model/versions/1");
    await page.getByRole("form", { name: "Request approval for version 1" }).getByRole("button", { name: "Request approval" }).click();
    const waiting = page.locator('.version-approvals [data-waiting="four-eyes"]');
    await waiting.waitFor();
    assert.match((await waiting.textContent()) ?? "", /turn authentication on/);
    assert.equal(await page.locator(".version-approvals").getByRole("button", { name: /^Approve request/ }).count(), 0);
  });

  it("audits the approvals and audit pages for labels, keyboard reach and contrast", async () => {
    const problems: string[] = [];
    for (const url of ["/approvals?status=any", "/audit", "/models/plain-model/versions/1"]) {
      await page.goto(url);
      await page.locator("main h1").first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
      for (const problem of await auditAccessibility(page)) problems.push(`${url}: ${problem}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(ui.pageErrors, []);
  });
});
