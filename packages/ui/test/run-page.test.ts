import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { onnxMlmodel, proxyPathOf } from "@cairn/sdk";
import { parseDelimited } from "../src/components/artifacts/parse-delimited.js";
import { screenshot, startUiHarness, type UiHarness } from "./helpers/browser.js";

// A 1x1 PNG, so the image preview has real pixels to decode.
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const COMMIT = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";
const DIFF = ["diff --git a/train.py b/train.py", "--- a/train.py", "+++ b/train.py", "@@ -1 +1 @@", "-lr = 0.1", "+lr = 0.01"].join("\n");
const CSV = 'id,label,comment\n1,cat,"fluffy, orange"\n2,dog,"says ""woof"""\n';
const NOTES = "Training notes\nepoch 1: warmup done\n";
const START = Date.UTC(2026, 0, 15, 9, 30, 0);

describe("parseDelimited", () => {
  it("keeps quoted delimiters, doubled quotes and newlines inside quotes", () => {
    const { rows, truncated } = parseDelimited('a,b\r\n"x, y","say ""hi"""\n"two\nlines",3\n', ",", 10);
    assert.deepEqual(rows, [["a", "b"], ["x, y", 'say "hi"'], ["two\nlines", "3"]]);
    assert.equal(truncated, false);
  });

  it("stops after the header and maxRows rows, and says whether more followed", () => {
    const text = "\ufeffn\n1\n2\n3\n";
    assert.deepEqual(parseDelimited(text, ",", 2), { rows: [["n"], ["1"], ["2"]], truncated: true });
    assert.deepEqual(parseDelimited(text, ",", 3), { rows: [["n"], ["1"], ["2"], ["3"]], truncated: false });
    assert.deepEqual(parseDelimited("a\tb\n1\t2", "\t", 5).rows, [["a", "b"], ["1", "2"]]);
  });
});

describe("run page", () => {
  let ui: UiHarness;
  let page: Page;
  let experimentId: string;
  let runId: string;
  let parentId: string;
  let artifactUri: string;
  let modelId: string;
  const runUrl = (query = "") => `/experiments/${experimentId}/runs/${runId}${query}`;

  before(async () => {
    ui = await startUiHarness();
    const { client } = ui;
    ({ experiment_id: experimentId } = await client.experiments.create({ name: "vision" }));
    const parent = await client.runs.create({ experiment_id: experimentId, run_name: "sweep-parent", start_time: Date.now() - 90_000 });
    parentId = parent.run.info.run_id;
    const { run } = await client.runs.create({
      experiment_id: experimentId,
      run_name: "resnet-lr-0.01",
      user_id: "ada",
      start_time: START,
      tags: [
        { key: "mlflow.parentRunId", value: parentId },
        { key: "mlflow.source.git.commit", value: COMMIT },
        { key: "mlflow.source.git.branch", value: "feature/augment" },
        { key: "mlflow.source.git.repoURL", value: "https://github.com/acme/vision.git" },
        { key: "mlflow.source.name", value: "train.py" },
        { key: "mlflow.source.type", value: "LOCAL" },
        { key: "mlflow.user", value: "ada" },
        { key: "cairn.source.git.dirty", value: "true" },
        { key: "cairn.source.git.diff", value: DIFF },
        { key: "mlflow.note.content", value: "Baseline with **augmentation**." },
        { key: "team", value: "perception" },
      ],
    });
    runId = run.info.run_id;
    artifactUri = run.info.artifact_uri;
    await client.runs.logBatch({
      run_id: runId,
      params: [
        { key: "lr", value: "0.01" },
        { key: "optimizer", value: "adam" },
      ],
      metrics: [
        ...[0.9, 0.6, 0.4, 0.3, 0.25].map((value, step) => ({ key: "loss", value, step, timestamp: START + step * 1000 })),
        { key: "accuracy", value: 0.91, step: 4, timestamp: START + 4000 },
      ],
    });
    await client.runs.logInputs({
      run_id: runId,
      datasets: [
        {
          dataset: { name: "cifar10-train", digest: "a1b2c3d4", source_type: "local", source: '{"uri": "/data/cifar10"}' },
          tags: [{ key: "mlflow.data.context", value: "training" }],
        },
      ],
    });
    const { model } = await client.loggedModels.create({ experiment_id: experimentId, name: "resnet", source_run_id: runId, model_type: "onnx" });
    modelId = model.info.model_id;
    await client.runs.logOutputs({ run_id: runId, models: [{ model_id: modelId, step: 4 }] });
    await client.runs.update({ run_id: runId, status: "FINISHED", end_time: START + 62_000 });

    const put = async (path: string, body: string | Uint8Array<ArrayBuffer>) => {
      const answer = await fetch(`${ui.server.url}/api/2.0/mlflow-artifacts/artifacts/${proxyPathOf(artifactUri)}/${path}`, { method: "PUT", body });
      assert.equal(answer.status, 200, await answer.text());
    };
    const signature = {
      inputs: [{ name: "pixels", dtype: "float32" as const, shape: [-1, 3, 32, 32] }],
      outputs: [{ name: "logits", dtype: "float32" as const, shape: [-1, 10] }],
    };
    await put("notes.txt", NOTES);
    await put("metrics.json", '{"accuracy":0.91,"classes":["cat","dog"]}');
    await put("config.yaml", "model:\n  depth: 50\n  dropout: 0.1\n");
    await put("data.csv", CSV);
    await put("plot.png", Uint8Array.from(Buffer.from(PNG_1X1, "base64")));
    await put("big.log", "x".repeat(2.5 * 1024 * 1024));
    await put("model/MLmodel", onnxMlmodel({ artifactUri: `${artifactUri}/model`, modelId: "m-0123", runId, createdMs: START, signature }));
    await put("model/model.onnx", new Uint8Array([0x08, 0x07, 0x12, 0x04, 0x74, 0x6f, 0x72, 0x63, 0x68, 0x00, 0xff]));
    page = await ui.newPage();
  });
  after(() => ui.close());

  const openTreeFile = async (name: RegExp) => {
    await page.getByRole("treeitem", { name }).click();
  };

  it("shows the run's details, code checkpoint, params, metrics, tags and dataset on the overview", async () => {
    await page.goto(runUrl());
    await page.getByRole("heading", { name: "resnet-lr-0.01" }).waitFor();
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    assert.equal((await crumbs.textContent())?.replace(/\s+/g, " ").trim(), "Experiments / vision / resnet-lr-0.01");
    assert.equal(await crumbs.getByRole("link", { name: "vision" }).getAttribute("href"), `/experiments/${experimentId}`);

    const facts = page.getByRole("table", { name: "Run details" });
    const fact = async (label: string) => (await facts.getByRole("row", { name: new RegExp(`^${label}`) }).locator("td").textContent())?.trim();
    assert.equal(await fact("Status"), "finished");
    assert.equal(await fact("Run ID"), runId);
    assert.equal(await fact("Duration"), "1 min 2 s");
    assert.equal(await fact("User"), "ada");
    assert.equal(await fact("Lifecycle stage"), "active");
    assert.equal(await fact("Source"), "train.pyLOCAL");
    assert.equal(await fact("Artifact URI"), artifactUri);
    const parentLink = facts.getByRole("link", { name: "sweep-parent" });
    await parentLink.waitFor();
    assert.equal(await parentLink.getAttribute("href"), `/experiments/${experimentId}/runs/${parentId}`);

    const code = page.getByRole("table", { name: "Code checkpoint" });
    assert.match((await code.textContent()) ?? "", new RegExp(`Commit${COMMIT}Branchfeature/augment`));
    assert.equal(await code.getByRole("link", { name: "https://github.com/acme/vision.git" }).getAttribute("href"), "https://github.com/acme/vision.git");
    assert.match((await code.textContent()) ?? "", /Working treeuncommitted changes/);
    // The diff is folded inside a <details> until asked for.
    const diff = page.locator("details.git-diff");
    assert.equal(await diff.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.equal(await diff.locator("pre").textContent(), DIFF);
    await diff.locator("summary").click();
    assert.equal(await diff.locator("pre").isVisible(), true);

    const rowsOf = (name: string) =>
      page.getByRole("table", { name }).locator("tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent?.trim())));
    assert.deepEqual(await rowsOf("Parameters"), [["lr", "0.01"], ["optimizer", "adam"]]);
    const metrics = await rowsOf("Metrics (latest values)");
    assert.deepEqual(metrics.map((r) => r.slice(0, 3)), [["accuracy", "0.91", "4"], ["loss", "0.25", "4"]]);
    assert.deepEqual(await rowsOf("Tags"), [["team", "perception"]]);
    const system = page.locator("details.system-tags");
    assert.equal(await system.evaluate((d) => (d as HTMLDetailsElement).open), false);
    assert.equal(await system.locator("> summary").textContent(), "System tags (11)");
    await system.locator("> summary").click();
    assert.equal(await system.getByRole("row", { name: /^mlflow\.source\.git\.branch/ }).locator("td").textContent(), "feature/augment");
    assert.deepEqual(await rowsOf("Dataset inputs"), [["cifar10-train", "a1b2c3d4", "local", '{"uri": "/data/cifar10"}', "training"]]);
    assert.equal(await page.locator(".run-description strong").textContent(), "augmentation");
    await page.getByRole("table", { name: "Logged models" }).getByRole("rowheader", { name: "resnet" }).waitFor();
    assert.deepEqual(await rowsOf("Logged models"), [["resnet", modelId, "pending", "4"]]);
    await screenshot(page, "run-overview");

    // A metric's key opens its chart on the metrics tab.
    await page.getByRole("link", { name: "loss", exact: true }).click();
    await page.waitForURL(/tab=metrics&metric=loss/);
    await page.getByRole("link", { name: "Show all 2 metrics" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Metrics", exact: true }).getAttribute("aria-current"), "page");
  });

  it("previews text, JSON, YAML, CSV, images and MLmodel files, and offers downloads", async () => {
    await page.goto(runUrl("?tab=artifacts"));
    const tree = page.getByRole("tree", { name: "Artifact files" });
    await tree.waitFor();
    const names = await tree.locator(".artifact-name").allTextContents();
    assert.deepEqual(names, ["model", "big.log", "config.yaml", "data.csv", "metrics.json", "notes.txt", "plot.png"]);
    const preview = page.locator(".artifact-preview");

    await openTreeFile(/^notes\.txt/);
    await page.waitForURL(/path=notes\.txt/);
    assert.equal(await page.getByLabel("Contents of notes.txt").textContent(), NOTES);
    const download = preview.getByRole("link", { name: "Download notes.txt" });
    const downloaded = await fetch(new URL((await download.getAttribute("href"))!, ui.server.url));
    assert.equal(await downloaded.text(), NOTES);

    await openTreeFile(/^metrics\.json/);
    assert.equal(await page.getByLabel("Contents of metrics.json").textContent(), '{\n  "accuracy": 0.91,\n  "classes": [\n    "cat",\n    "dog"\n  ]\n}');

    await openTreeFile(/^config\.yaml/);
    assert.equal(await page.getByLabel("Contents of config.yaml").textContent(), "model:\n  depth: 50\n  dropout: 0.1\n");

    await openTreeFile(/^data\.csv/);
    const table = page.getByRole("region", { name: "Table preview of data.csv" });
    await table.waitFor();
    assert.deepEqual(await table.locator("th").allTextContents(), ["id", "label", "comment"]);
    assert.deepEqual(await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent))), [
      ["1", "cat", "fluffy, orange"],
      ["2", "dog", 'says "woof"'],
    ]);
    await screenshot(page, "run-artifacts-csv");

    await openTreeFile(/^plot\.png/);
    const image = preview.getByRole("img", { name: "plot.png" });
    await image.waitFor();
    await page.waitForFunction(() => (document.querySelector(".artifact-image") as HTMLImageElement | null)?.complete === true);
    assert.equal(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth), 1);

    await openTreeFile(/^big\.log/);
    await preview.getByText(/Too large to preview \(2\.5 MB/).waitFor();

    // The keyboard opens the model folder and its MLmodel file.
    const folder = page.getByRole("treeitem", { name: "model", exact: true });
    await folder.focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await folder.getAttribute("aria-expanded"), "true");
    await page.getByRole("treeitem", { name: /^MLmodel/ }).waitFor();
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement?.querySelector(".artifact-name")?.textContent), "MLmodel");
    await page.keyboard.press("Enter");
    await page.waitForURL(/path=model%2FMLmodel/);
    const inputs = page.getByRole("table", { name: "Inputs" });
    await inputs.waitFor();
    assert.deepEqual(await inputs.locator("tbody td").allTextContents(), ["pixels", "tensor<float32>", "[-1, 3, 32, 32]"]);
    assert.deepEqual(await page.getByRole("table", { name: "Outputs" }).locator("tbody td").allTextContents(), ["logits", "tensor<float32>", "[-1, 10]"]);
    assert.match((await preview.locator(".signature-view").textContent()) ?? "", /Flavors:\s*onnxpython_function/);
    assert.match((await page.getByLabel("Contents of MLmodel").textContent()) ?? "", /model_id: m-0123/);
    await screenshot(page, "run-mlmodel");

    await page.keyboard.press("ArrowDown");
    await page.keyboard.press(" ");
    await page.waitForURL(/path=model%2Fmodel\.onnx/);
    await preview.getByText("No preview for this file type").waitFor();
    assert.match((await preview.locator(".artifact-preview-header").textContent()) ?? "", /11 B/);
    const onnx = await fetch(new URL((await preview.getByRole("link", { name: "Download model.onnx" }).getAttribute("href"))!, ui.server.url));
    assert.equal((await onnx.arrayBuffer()).byteLength, 11);

    // Left goes back up to the folder, and closes it.
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await folder.getAttribute("aria-expanded"), "false");
  });

  it("opens a deep link to an artifact straight into its preview, nested folders included", async () => {
    await page.goto(runUrl("?tab=artifacts&path=data.csv"));
    await page.getByRole("region", { name: "Table preview of data.csv" }).getByRole("cell", { name: "fluffy, orange" }).waitFor();
    assert.equal(await page.getByRole("treeitem", { name: /^data\.csv/ }).getAttribute("aria-selected"), "true");

    await page.goto(runUrl("?tab=artifacts&path=model/MLmodel"));
    await page.getByRole("table", { name: "Inputs" }).getByRole("cell", { name: "pixels" }).waitFor();
    assert.equal(await page.getByRole("treeitem", { name: "model", exact: true }).getAttribute("aria-expanded"), "true");
  });

  it("shows the server's error for a missing file and for an unknown run", async () => {
    await page.goto(runUrl("?tab=artifacts&path=missing.txt"));
    const fileError = page.locator(".artifact-preview").getByRole("alert");
    await fileError.waitFor();
    assert.match((await fileError.textContent()) ?? "", /RESOURCE_DOES_NOT_EXIST/);

    await page.goto(`/experiments/${experimentId}/runs/0123456789abcdef0123456789abcdef`);
    const runError = page.getByRole("alert");
    await runError.waitFor();
    const text = (await runError.textContent()) ?? "";
    assert.match(text, /Could not load the run/);
    assert.match(text, /RESOURCE_DOES_NOT_EXIST/);
    assert.match(text, /0123456789abcdef0123456789abcdef/);
  });

  it("shows how long a running run has been going", async () => {
    await page.goto(`/experiments/${experimentId}/runs/${parentId}`);
    const facts = page.getByRole("table", { name: "Run details" });
    await facts.waitFor();
    assert.equal(await facts.getByRole("row", { name: /^Ended/ }).locator("td").textContent(), "still running");
    assert.match((await facts.getByRole("row", { name: /^Duration/ }).locator("td").textContent()) ?? "", /^1 min \d+ s so far$/);
    assert.equal(await page.locator(".page-header .badge").textContent(), "running");
  });

  it("moves between tabs with back and forward", async () => {
    await page.goto(runUrl());
    await page.getByRole("table", { name: "Run details" }).waitFor();
    await page.getByRole("link", { name: "Metrics", exact: true }).click();
    await page.waitForURL(/tab=metrics/);
    await page.getByRole("link", { name: "Artifacts", exact: true }).click();
    await page.getByRole("tree", { name: "Artifact files" }).waitFor();
    await openTreeFile(/^notes\.txt/);
    await page.getByLabel("Contents of notes.txt").waitFor();

    const current = () => page.locator('.tabs a[aria-current="page"]').textContent();
    await page.goBack();
    await page.getByText("Choose a file to preview it.").waitFor();
    await page.goBack();
    await page.waitForURL(/tab=metrics$/);
    assert.equal(await current(), "Metrics");
    await page.goBack();
    await page.getByRole("table", { name: "Run details" }).waitFor();
    assert.equal(await current(), "Overview");
    await page.goForward();
    await page.waitForURL(/tab=metrics$/);
    assert.equal(await current(), "Metrics");
    await page.goForward();
    await page.goForward();
    await page.getByLabel("Contents of notes.txt").waitFor();
    assert.equal(await current(), "Artifacts");
  });

  it("fits a phone screen", async () => {
    const phone = await ui.newPage({ width: 375, height: 800 });
    await phone.goto(runUrl());
    await phone.getByRole("table", { name: "Run details" }).waitFor();
    await phone.getByRole("link", { name: "sweep-parent" }).waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, "the overview scrolls sideways at 375px");
    await screenshot(phone, "run-phone");
    await phone.goto(runUrl("?tab=artifacts&path=data.csv"));
    await phone.getByRole("cell", { name: "fluffy, orange" }).waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, "the artifacts tab scrolls sideways at 375px");
    await phone.close();
    assert.deepEqual(ui.pageErrors, []);
  });
});
