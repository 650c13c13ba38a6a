import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { onnxMlmodel } from "@cairn/sdk";
import { screenshot, startUiHarness, type UiHarness } from "./helpers/browser.js";

const MODEL = "churn-classifier";
const COMMIT = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
const DESCRIPTION = [
  "## Churn classifier",
  "",
  "Predicts which customers leave next month.",
  "",
  "- trained on customers-2026-q1",
  "- gradient boosted trees, exported to ONNX",
  "",
  "See [the runbook](https://example.com/runbook).",
  "",
  "<script>window.__descriptionRan = true</script>",
].join("\n");

describe("model registry pages", () => {
  let ui: UiHarness;
  let page: Page;
  let experimentId = "";
  let runId = "";

  before(async () => {
    ui = await startUiHarness();
    const { client } = ui;
    const { experiment_id } = await client.experiments.create({ name: "churn" });
    experimentId = experiment_id;
    const gitTags = [
      { key: "mlflow.source.git.commit", value: COMMIT },
      { key: "mlflow.source.git.branch", value: "main" },
      { key: "mlflow.source.git.repoURL", value: "https://git.example.com/ml/churn.git" },
      { key: "cairn.source.git.dirty", value: "false" },
    ];
    const { run } = await client.runs.create({ experiment_id, run_name: "train-gbt", tags: gitTags });
    runId = run.info.run_id;
    await client.runs.logBatch({
      run_id: runId,
      params: [
        { key: "learning_rate", value: "0.05" },
        { key: "max_depth", value: "6" },
      ],
      metrics: [{ key: "val_auc", value: 0.9137, timestamp: Date.now(), step: 0 }],
    });
    const dataset = { name: "customers-2026-q1", digest: "9a8b7c6d", source_type: "local", source: '{"uri": "data/customers.csv"}' };
    await client.runs.logInputs({ run_id: runId, datasets: [{ dataset, tags: [{ key: "mlflow.data.context", value: "training" }] }] });

    const source = `${run.info.artifact_uri}/model`;
    const mlmodel = onnxMlmodel({
      artifactUri: source,
      modelId: "",
      runId,
      createdMs: Date.now(),
      signature: { inputs: [{ name: "features", dtype: "float32", shape: [-1, 4] }], outputs: [{ name: "churn_probability", dtype: "float32", shape: [-1, 1] }] },
    });
    const put = await fetch(`${ui.server.url}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model/MLmodel`, { method: "PUT", body: mlmodel });
    assert.equal(put.status, 200, await put.text());

    await client.registry.createRegisteredModel({ name: MODEL, description: DESCRIPTION, tags: [{ key: "team", value: "retention" }] });
    await client.registry.createModelVersion({ name: MODEL, source, run_id: runId, description: "First export" });
    await client.registry.createModelVersion({ name: MODEL, source, run_id: runId, tags: [{ key: "validated", value: "yes" }] });
    await client.registry.setRegisteredModelAlias({ name: MODEL, alias: "champion", version: "1" });
    await client.registry.transitionModelVersionStage({ name: MODEL, version: "2", stage: "Production" });

    await client.registry.createRegisteredModel({ name: "fraud-scorer" });
    await client.registry.createRegisteredModel({ name: "greeting-prompt", tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    page = await ui.newPage();
  });
  after(() => ui.close());

  const modelNames = () => page.locator("table.models-table tbody tr td:first-child a").allTextContents();

  it("lists models with aliases and latest versions, hides prompts, and searches by name", async () => {
    await page.goto("/models");
    await page.getByRole("link", { name: MODEL }).waitFor();
    assert.deepEqual(await modelNames(), [MODEL, "fraud-scorer"]);
    const row = page.locator("table.models-table tbody tr", { has: page.getByRole("link", { name: MODEL }) });
    const aliasLink = row.getByRole("link", { name: "Alias champion: version 1" });
    assert.equal(await aliasLink.textContent(), "@champion → v1");
    assert.equal(await aliasLink.getAttribute("href"), `/models/${MODEL}/versions/1`);
    const latest = await row.locator(".latest-versions li").allTextContents();
    assert.deepEqual(latest, ["Version 2Production", "Version 1None"]);
    assert.match((await row.locator(".tag-chips").textContent()) ?? "", /team=retention/);
    await screenshot(page, "models");

    await page.getByLabel("Search models by name").fill("CHURN");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/q=CHURN/);
    await page.waitForFunction(() => document.querySelectorAll("table.models-table tbody tr").length === 1);
    assert.deepEqual(await modelNames(), [MODEL]);
    await page.reload();
    await page.getByRole("link", { name: MODEL }).waitFor();
    assert.deepEqual(await modelNames(), [MODEL]);

    // A prompt matches by name but is still not listed.
    await page.goto("/models?q=greeting");
    await page.getByText("No model matches “greeting”.").waitFor();
  });

  it("renders the description as Markdown without running HTML, and saves an edited one", async () => {
    await page.goto(`/models/${MODEL}`);
    const markdown = page.locator(".markdown").first();
    await markdown.waitFor();
    assert.equal(await markdown.locator("h2").textContent(), "Churn classifier");
    assert.deepEqual(await markdown.locator("li").allTextContents(), ["trained on customers-2026-q1", "gradient boosted trees, exported to ONNX"]);
    assert.equal(await markdown.getByRole("link", { name: "the runbook" }).getAttribute("href"), "https://example.com/runbook");
    assert.equal(await page.locator("script", { hasText: "__descriptionRan" }).count(), 0);
    assert.match((await markdown.textContent()) ?? "", /<script>window.__descriptionRan = true<\/script>/);
    assert.equal(await page.evaluate(() => (window as { __descriptionRan?: boolean }).__descriptionRan), undefined);

    // The versions table: stage, aliases and a link to the source run on its experiment's page.
    const v1 = page.locator("table.versions-table tbody tr", { has: page.getByRole("link", { name: "Version 1", exact: true }) });
    assert.equal(await v1.getByRole("link", { name: "train-gbt" }).getAttribute("href"), `/experiments/${experimentId}/runs/${runId}`);
    assert.equal(await v1.locator(".alias-badge").textContent(), "@champion → v1");
    assert.equal(await v1.locator(".description-cell").textContent(), "First export");
    const v2 = page.locator("table.versions-table tbody tr", { has: page.getByRole("link", { name: "Version 2", exact: true }) });
    assert.equal(await v2.locator(".stage-badge").textContent(), "Production");
    await screenshot(page, "model");

    await page.getByRole("button", { name: "Edit description" }).click();
    await page.getByLabel("Description (Markdown)").fill("# Churn v2\n\n1. retrained weekly");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator(".markdown h1", { hasText: "Churn v2" }).waitFor();
    assert.equal(await page.locator(".markdown li").textContent(), "retrained weekly");
    const { registered_model } = await ui.client.registry.getRegisteredModel({ name: MODEL });
    assert.equal(registered_model.description, "# Churn v2\n\n1. retrained weekly");
  });

  it("moves an alias, refuses a reserved one with the server's error, and changes the stage", async () => {
    await page.goto(`/models/${MODEL}`);
    const form = page.getByRole("form", { name: "Set an alias" });
    await form.getByLabel("Alias").fill("champion");
    await form.getByLabel("on version").selectOption("2");
    await form.getByRole("button", { name: "Set alias" }).click();
    const v2 = page.locator("table.versions-table tbody tr", { has: page.getByRole("link", { name: "Version 2", exact: true }) });
    await v2.getByRole("link", { name: "Alias champion: version 2" }).waitFor();
    const moved = await ui.client.registry.getModelVersionByAlias({ name: MODEL, alias: "champion" });
    assert.equal(moved.model_version.version, "2");

    await form.getByLabel("Alias").fill("v1");
    await form.getByLabel("on version").selectOption("1");
    await form.getByRole("button", { name: "Set alias" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /INVALID_PARAMETER_VALUE.*v1/);
    const { registered_model } = await ui.client.registry.getRegisteredModel({ name: MODEL });
    assert.deepEqual(registered_model.aliases, [{ alias: "champion", version: "2" }]);

    const v1 = page.locator("table.versions-table tbody tr", { has: page.getByRole("link", { name: "Version 1", exact: true }) });
    await v1.getByLabel("New stage for version 1").selectOption("Staging");
    await v1.getByRole("button", { name: "Move version 1 to Staging" }).click();
    await v1.locator(".stage-badge", { hasText: "Staging" }).waitFor();
    const { model_version } = await ui.client.registry.getModelVersion({ name: MODEL, version: "1" });
    assert.equal(model_version.current_stage, "Staging");
  });

  it("shows a version's signature, lineage (run params and metrics, git commit, dataset) and experiment", async () => {
    await page.goto(`/models/${MODEL}/versions/1`);
    const inputs = page.locator("table.signature-table", { has: page.locator("caption", { hasText: "Inputs" }) });
    await inputs.waitFor();
    assert.deepEqual(await inputs.locator("tbody td").allTextContents(), ["features", "tensor<float32>", "[-1, 4]"]);
    const outputs = page.locator("table.signature-table", { has: page.locator("caption", { hasText: "Outputs" }) });
    assert.deepEqual(await outputs.locator("tbody td").allTextContents(), ["churn_probability", "tensor<float32>", "[-1, 1]"]);
    assert.deepEqual(await page.locator(".signature-view .badge").allTextContents(), ["onnx", "python_function"]);

    const params = await page.locator("table.run-params tr").allTextContents();
    assert.deepEqual(params, ["learning_rate0.05", "max_depth6"]);
    assert.deepEqual(await page.locator("table.run-metrics tr").allTextContents(), ["val_auc0.9137"]);
    assert.match((await page.locator("table.code-checkpoint").textContent()) ?? "", new RegExp(`Git commit${COMMIT}.*Branchmain.*https://git.example.com/ml/churn.git.*clean`));
    assert.deepEqual(await page.locator("table.datasets-table tbody td").allTextContents(), ["customers-2026-q1", "training", "9a8b7c6d", "local"]);
    const lineage = page.locator(".lineage-facts");
    assert.equal(await lineage.getByRole("link", { name: "churn" }).getAttribute("href"), `/experiments/${experimentId}`);
    assert.equal(await lineage.getByRole("link", { name: "train-gbt" }).getAttribute("href"), `/experiments/${experimentId}/runs/${runId}`);
    assert.match((await page.locator("table.version-facts").textContent()) ?? "", /StageStaging/);
    assert.equal(await page.locator(".version-page .markdown").textContent(), "First export");
    await screenshot(page, "model-version");
  });

  it("reads the signature of a version registered from a logged model (models:/m-<id>) from the logged model's files", async () => {
    const { model } = await ui.client.loggedModels.create({ experiment_id: experimentId, name: "gbt", source_run_id: runId, model_type: "onnx" });
    const { model_id: modelId, artifact_uri: artifactUri } = model.info;
    const signature = { inputs: [{ name: "tenure_months", dtype: "int64" as const, shape: [-1] }], outputs: [{ dtype: "float32" as const, shape: [-1, 2] }] };
    await ui.client.artifacts.putFile(artifactUri, "MLmodel", onnxMlmodel({ artifactUri, modelId, runId, createdMs: Date.now(), signature }));
    await ui.client.registry.createModelVersion({ name: MODEL, source: `models:/${modelId}`, model_id: modelId });
    await page.goto(`/models/${MODEL}/versions/3`);
    const inputs = page.locator("table.signature-table", { has: page.locator("caption", { hasText: "Inputs" }) });
    await inputs.waitFor();
    assert.deepEqual(await inputs.locator("tbody td").allTextContents(), ["tenure_months", "tensor<int64>", "[-1]"]);
    assert.match((await page.locator(".lineage-facts").textContent()) ?? "", new RegExp(`Logged modelgbt ${modelId}`));
    // The run comes from the logged model when the version names none.
    assert.equal(await page.locator(".lineage-facts").getByRole("link", { name: "train-gbt" }).getAttribute("href"), `/experiments/${experimentId}/runs/${runId}`);
  });

  it("adds and removes a model tag", async () => {
    await page.goto(`/models/${MODEL}`);
    const form = page.getByRole("form", { name: "Add a tag to this model" });
    await form.getByLabel("Tag key").fill("owner");
    await form.getByLabel("Value").fill("data-science");
    await form.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("button", { name: "Remove tag owner" }).waitFor();
    let { registered_model } = await ui.client.registry.getRegisteredModel({ name: MODEL });
    assert.deepEqual(registered_model.tags, [{ key: "owner", value: "data-science" }, { key: "team", value: "retention" }]);
    await page.getByRole("button", { name: "Remove tag team" }).click();
    await page.getByRole("button", { name: "Remove tag team" }).waitFor({ state: "detached" });
    ({ registered_model } = await ui.client.registry.getRegisteredModel({ name: MODEL }));
    assert.deepEqual(registered_model.tags, [{ key: "owner", value: "data-science" }]);
  });

  it("says plainly when a version has no MLmodel, and notes missing lineage", async () => {
    await ui.client.registry.createModelVersion({ name: "fraud-scorer", source: "mlflow-artifacts:/elsewhere/fraud/model" });
    await page.goto("/models/fraud-scorer/versions/1");
    await page.getByText("No MLmodel file in mlflow-artifacts:/elsewhere/fraud/model").waitFor();
    assert.match((await page.getByRole("note").first().textContent()) ?? "", /no source run/);
  });

  it("shows the server's error for an unknown model or version", async () => {
    await page.goto("/models/no-such-model");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /RESOURCE_DOES_NOT_EXIST.*no-such-model/);
    await page.goto(`/models/${MODEL}/versions/99`);
    await page.getByRole("alert").waitFor();
    assert.match((await page.getByRole("alert").textContent()) ?? "", /RESOURCE_DOES_NOT_EXIST/);
  });

  it("fits a phone screen", async () => {
    const phone = await ui.newPage({ width: 375, height: 800 });
    await phone.goto(`/models/${MODEL}`);
    await phone.locator("table.versions-table").waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await screenshot(phone, "model-phone");
    await phone.close();
    assert.deepEqual(ui.pageErrors, []);
  });
});
