import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { screenshot, startUiHarness, type UiHarness } from "./helpers/browser.js";

describe("experiments page", () => {
  let ui: UiHarness;
  let page: Page;
  before(async () => {
    ui = await startUiHarness();
    await ui.client.experiments.create({ name: "churn-model" });
    await ui.client.experiments.create({ name: "fraud-detection" });
    page = await ui.newPage();
  });
  after(() => ui.close());

  const rowNames = () => page.locator("table.data-table tbody tr td:first-child a").allTextContents();

  it("lists experiments at / and finds them by name", async () => {
    await page.goto("/");
    await page.waitForURL("**/experiments");
    await page.getByRole("link", { name: "fraud-detection" }).waitFor();
    assert.deepEqual((await rowNames()).sort(), ["Default", "churn-model", "fraud-detection"]);
    await screenshot(page, "experiments");

    await page.getByLabel("Search experiments by name").fill("CHURN");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=CHURN/);
    await page.waitForFunction(() => document.querySelectorAll("table.data-table tbody tr").length === 1);
    assert.deepEqual(await rowNames(), ["churn-model"]);

    // The search is in the URL: reloading the link shows the same list.
    await page.reload();
    await page.getByRole("link", { name: "churn-model" }).waitFor();
    assert.deepEqual(await rowNames(), ["churn-model"]);
  });

  it("creates an experiment from the form and opens it", async () => {
    await page.goto("/experiments");
    await page.getByRole("button", { name: "New experiment" }).click();
    await page.getByLabel("Experiment name", { exact: true }).fill("vision");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/experiments\/\d+$/);
    const { experiment } = await ui.client.experiments.getByName({ experiment_name: "vision" });
    assert.ok(page.url().endsWith(`/experiments/${experiment.experiment_id}`));
  });

  it("shows the server's error when a name is taken, and changes nothing", async () => {
    await page.goto("/experiments");
    await page.getByRole("button", { name: "New experiment" }).click();
    await page.getByLabel("Experiment name", { exact: true }).fill("churn-model");
    await page.getByRole("button", { name: "Create" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent() ?? "", /RESOURCE_ALREADY_EXISTS/);
    const { experiments } = await ui.client.experiments.search({ filter: "name = 'churn-model'" });
    assert.equal(experiments.length, 1);
  });

  it("renames, deletes and restores an experiment", async () => {
    await page.goto("/experiments");
    await page.getByRole("button", { name: "Rename fraud-detection" }).click();
    await page.getByLabel("New name for fraud-detection").fill("fraud");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("link", { name: "fraud", exact: true }).waitFor();

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete fraud" }).click();
    await page.getByRole("link", { name: "fraud", exact: true }).waitFor({ state: "detached" });
    const { experiment } = await ui.client.experiments.getByName({ experiment_name: "fraud" });
    assert.equal(experiment.lifecycle_stage, "deleted");

    await page.getByLabel("Show").selectOption("DELETED_ONLY");
    await page.getByRole("button", { name: "Restore" }).click();
    await page.getByRole("link", { name: "fraud", exact: true }).waitFor({ state: "detached" });
    const restored = await ui.client.experiments.getByName({ experiment_name: "fraud" });
    assert.equal(restored.experiment.lifecycle_stage, "active");
  });

  it("answers a deep link to a page that does not exist with a not-found page, not the API's 404", async () => {
    await page.goto("/no/such/page");
    await page.getByRole("heading", { name: "No such page" }).waitFor();
    assert.deepEqual(ui.pageErrors, []);
  });
});
