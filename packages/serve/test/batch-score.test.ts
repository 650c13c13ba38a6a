import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCairnError } from "@cairn/core";
import { parquetMetadataAsync, parquetSchema, asyncBufferFromFile } from "hyparquet";
import { loadOnnxModel, type OnnxModel } from "@cairn/serve";
import { openBatchSource } from "../src/batch/open-batch-source.js";
import { scoreBatches, type BatchProgress, type ScoreBatchesOptions } from "../src/batch/score-batches.js";
import { encodeModel, logisticRegression, softmaxRegression } from "./fixtures/onnx-graph.js";
import { filesIn, logistic, prng, readParquet, writeParquet, rejection } from "./fixtures/batch/batch-data.js";

const WEIGHTS = [0.75, -1.5, 0.25, 2];
const BIAS = -0.5;
const FEATURES = ["a", "b", "c", "d"];
const ROWS = 250;

/** A minimal CSV reader for checking outputs (the code under test writes them). */
function parseSimpleCsv(text: string): string[][] {
  return text.trimEnd().split("\n").map((line) => line.split(","));
}

describe("scoreBatches", () => {
  let dir: string;
  let model: OnnxModel;
  const random = prng(21);
  const rows = Array.from({ length: ROWS }, () => FEATURES.map(() => Math.round((random() - 0.5) * 1e6) / 1e5));
  const ids = rows.map((_, i) => `c-${1000 + i}`);
  const expected = rows.map((row) => logistic(row, WEIGHTS, BIAS));
  const segments = rows.map((_, i) => (i % 9 === 4 ? null : ["gold", "silver", "bronze"][i % 3]!));
  const seen = rows.map((_, i) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000));
  let csvInput: string;
  let parquetInput: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "cairn-batch-score-"));
    model = await loadOnnxModel(logisticRegression(WEIGHTS, BIAS));
    // Columns in another order than the model's, plus an id, so packing by name is what makes it right.
    csvInput = join(dir, "input.csv");
    await writeFile(csvInput, `d,id,b,a,c\n${rows.map((r, i) => `${r[3]},${ids[i]},${r[1]},${r[0]},${r[2]}`).join("\n")}\n`);
    parquetInput = join(dir, "input.parquet");
    writeParquet(parquetInput, [
      { name: "id", data: ids, type: "STRING" },
      { name: "serial", data: BigInt64Array.from(rows, (_, i) => BigInt(i) * 10n ** 12n), type: "INT64", schema: { repetition_type: "REQUIRED" } },
      { name: "segment", data: segments, type: "STRING" },
      { name: "seen", data: seen, type: "TIMESTAMP", schema: { type: "INT64", converted_type: "TIMESTAMP_MILLIS" } },
      ...FEATURES.map((name, j) => ({ name, data: Float64Array.from(rows, (r) => r[j]!), type: "DOUBLE" })),
    ], { rowGroupSize: 100 });
  });
  after(async () => {
    await model.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function score(input: string, output: string, extra: Partial<ScoreBatchesOptions> = {}) {
    const source = await openBatchSource(input);
    try {
      return await scoreBatches({ source, model, inputColumns: FEATURES, outputPath: output, batchRows: 64, ...extra });
    } finally {
      await source.close();
    }
  }

  function assertPredictions(actual: number[]): void {
    assert.equal(actual.length, ROWS);
    actual.forEach((p, i) => assert.ok(Math.abs(p - expected[i]!) < 1e-6, `row ${i}: ${p} vs ${expected[i]}`));
  }

  it("scores CSV into Parquet, keeping the id, in batches", async () => {
    const output = join(dir, "from-csv.parquet");
    const progress: BatchProgress[] = [];
    const result = await score(csvInput, output, { keepColumns: ["id"], onProgress: (p) => progress.push({ ...p }) });
    assert.deepEqual(result, { rows: ROWS, batches: 4, outputPath: output, columns: ["id", "probability"] });
    const written = await readParquet(output);
    assert.deepEqual(written.map((r) => r.id), ids);
    assertPredictions(written.map((r) => r.probability as number));
    assert.deepEqual(progress.map((p) => p.rows), [64, 128, 192, 250]);
    assert.ok(progress.every((p, i) => i === 0 || p.bytesRead >= progress[i - 1]!.bytesRead));
    assert.equal(progress.at(-1)!.bytesRead, progress.at(-1)!.totalBytes);
    assert.equal(progress.at(-1)!.totalRows, undefined);
  });

  it("scores Parquet into CSV and Parquet, keeping typed columns as they were", async () => {
    const csvOutput = join(dir, "from-parquet.csv");
    await score(parquetInput, csvOutput, { keepColumns: ["serial", "id"] });
    const lines = parseSimpleCsv(await readFile(csvOutput, "utf8"));
    assert.deepEqual(lines[0], ["serial", "id", "probability"]);
    assert.deepEqual(lines.slice(1).map((l) => l[0]), rows.map((_, i) => String(BigInt(i) * 10n ** 12n)));
    assert.deepEqual(lines.slice(1).map((l) => l[1]), ids);
    assertPredictions(lines.slice(1).map((l) => Number(l[2])));

    const parquetOutput = join(dir, "from-parquet.parquet");
    const progress: BatchProgress[] = [];
    const result = await score(parquetInput, parquetOutput, { keepColumns: ["serial", "id", "segment", "seen"], onProgress: (p) => progress.push({ ...p }) });
    // Batches of 64 never cross the 100-row groups: 64+36, 64+36, 50.
    assert.equal(result.batches, 5);
    assert.deepEqual(progress.map((p) => p.rows), [64, 100, 164, 200, 250]);
    assert.equal(progress[0]!.totalRows, ROWS);
    const written = await readParquet(parquetOutput);
    assert.deepEqual(written.map((r) => r.serial), rows.map((_, i) => BigInt(i) * 10n ** 12n));
    assert.deepEqual(written.map((r) => r.segment), segments);
    assert.deepEqual(written.map((r) => r.seen), seen);
    assertPredictions(written.map((r) => r.probability as number));
    const schema = parquetSchema(await parquetMetadataAsync(await asyncBufferFromFile(parquetOutput))).children.map((c) => c.element);
    assert.deepEqual(schema.map((e) => [e.name, e.type, e.converted_type, e.repetition_type]), [
      ["serial", "INT64", undefined, "REQUIRED"],
      ["id", "BYTE_ARRAY", "UTF8", "OPTIONAL"],
      ["segment", "BYTE_ARRAY", "UTF8", "OPTIONAL"],
      ["seen", "INT64", "TIMESTAMP_MILLIS", "OPTIONAL"],
      ["probability", "FLOAT", undefined, "REQUIRED"],
    ]);
    // The same columns as CSV: nulls become empty cells, timestamps ISO 8601.
    const csvKept = join(dir, "kept.csv");
    await score(parquetInput, csvKept, { keepColumns: ["segment", "seen"] });
    const keptLines = parseSimpleCsv(await readFile(csvKept, "utf8")).slice(1);
    assert.deepEqual(keptLines.map((l) => l[0]), segments.map((s) => s ?? ""));
    assert.deepEqual(keptLines.map((l) => l[1]), seen.map((d) => d.toISOString()));
  });

  it("writes one column per element of a wider output, and only the outputs asked for", async () => {
    const weights = [[1, -1, 0.5], [0.25, 0.5, -2], [-1, 0, 1], [0.5, 0.5, 0.5]];
    const biases = [0.1, -0.2, 0.3];
    const softmax = await loadOnnxModel(softmaxRegression({ weights, biases }));
    try {
      const output = join(dir, "softmax.parquet");
      const source = await openBatchSource(csvInput);
      const result = await scoreBatches({ source, model: softmax, inputColumns: FEATURES, keepColumns: ["id"], outputPath: output, batchRows: 100 });
      await source.close();
      assert.deepEqual(result.columns, ["id", "probabilities_0", "probabilities_1", "probabilities_2", "label"]);
      const written = await readParquet(output);
      written.forEach((r, i) => {
        const logits = biases.map((b, k) => rows[i]!.reduce((s, x, j) => s + Math.fround(x) * weights[j]![k]!, b));
        const exps = logits.map((z) => Math.exp(z - Math.max(...logits)));
        const probs = exps.map((e) => e / exps.reduce((s, v) => s + v, 0));
        probs.forEach((p, k) => assert.ok(Math.abs((r[`probabilities_${k}`] as number) - p) < 1e-6, `row ${i} class ${k}`));
        assert.equal(r.label, BigInt(probs.indexOf(Math.max(...probs))));
      });
      const onlyLabel = join(dir, "label.csv");
      const again = await openBatchSource(csvInput);
      await scoreBatches({ source: again, model: softmax, inputColumns: FEATURES, outputNames: ["label"], outputPath: onlyLabel });
      await again.close();
      const lines = parseSimpleCsv(await readFile(onlyLabel, "utf8"));
      assert.deepEqual(lines[0], ["label"]);
      assert.deepEqual(lines.slice(1).map((l) => l[0]), written.map((r) => String(r.label)));
    } finally {
      await softmax.close();
    }
  });

  it("writes the header (or an empty Parquet file) for an input without rows", async () => {
    const empty = join(dir, "empty.csv");
    await writeFile(empty, "id,a,b,c,d\n");
    await score(empty, join(dir, "empty-out.csv"), { keepColumns: ["id"] });
    assert.equal(await readFile(join(dir, "empty-out.csv"), "utf8"), "id,probability\n");
    const result = await score(empty, join(dir, "empty-out.parquet"));
    assert.equal(result.rows, 0);
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(join(dir, "empty-out.parquet")));
    assert.equal(metadata.num_rows, 0n);
    assert.deepEqual(parquetSchema(metadata).children.map((c) => c.element.name), ["probability"]);
  });

  describe("when it fails", () => {
    let failDir: string;
    before(async () => {
      failDir = join(dir, "failures");
      await mkdir(failDir);
    });

    it("leaves no output and no temporary file after a bad cell deep in the input", async () => {
      const bad = join(dir, "bad-late.csv");
      await writeFile(bad, `id,a,b,c,d\n${rows.map((r, i) => `${i},${i === 200 ? "x" : r[0]},${r[1]},${r[2]},${r[3]}`).join("\n")}\n`);
      for (const name of ["late.csv", "late.parquet"]) {
        const error = await rejection(score(bad, join(failDir, name), { batchRows: 16 }));
        assert.ok(isCairnError(error));
        assert.equal(error.code, "INVALID_PARAMETER_VALUE");
        assert.match(error.message, /row 201 \(line 202\), column 'a' holds 'x'/);
      }
      assert.deepEqual(await filesIn(failDir), []);
    });

    it("keeps an existing output file untouched when the run fails", async () => {
      const existing = join(failDir, "keep-me.csv");
      await writeFile(existing, "old,contents\n");
      const error = await rejection(score(csvInput, existing, { keepColumns: ["nope"] }));
      assert.match(error.message, /has no column 'nope'; its columns are 'd', 'id', 'b', 'a', 'c'/);
      assert.equal(await readFile(existing, "utf8"), "old,contents\n");
      assert.deepEqual(await filesIn(failDir), ["keep-me.csv"]);
      await rm(existing);
    });

    it("says what it fed when the model rejects the width", async () => {
      const error = await rejection(score(csvInput, join(failDir, "width.csv"), { inputColumns: ["a", "b", "c"] }));
      assert.ok(isCairnError(error));
      assert.match(error.message, /The model rejected its inputs: .* \(it was fed 3 columns: a, b, c\)/s);
      assert.deepEqual(await filesIn(failDir), []);
    });

    it("refuses bad options before reading anything", async () => {
      const cases: [Partial<ScoreBatchesOptions>, string, RegExp][] = [
        [{ outputNames: ["score"] }, "names.csv", /no output 'score'; its outputs are 'probability'/],
        [{ keepColumns: ["a"], inputColumns: FEATURES, outputNames: ["probability"] }, "ok-keep.csv", /^$/],
        [{ inputColumns: [] }, "none.csv", /at least one input column/],
        [{ batchRows: 0 }, "zero.csv", /batchRows must be a whole number of rows, at least 1/],
        [{}, "preds.txt", /Cannot tell the output format of .*preds\.txt.*\.csv or \.parquet/],
        [{}, join("missing-dir", "p.csv"), /output directory .*missing-dir' does not exist/],
      ];
      for (const [options, name, message] of cases) {
        if (message.source === "^$") {
          await score(csvInput, join(failDir, name), options); // keeping a feature column is allowed
          await rm(join(failDir, name));
          continue;
        }
        const error = await rejection(score(csvInput, join(failDir, name), options));
        assert.ok(isCairnError(error), `${name}: ${error.message}`);
        assert.match(error.message, message, name);
      }
      const clash = await rejection(score(csvInput, join(failDir, "clash.csv"), { keepColumns: ["probability"] }));
      assert.match(clash.message, /has no column 'probability'/);
      assert.deepEqual(await filesIn(failDir), []);
    });

    it("refuses a kept column named like a prediction, and a model with two inputs", async () => {
      const withClash = join(dir, "clash.csv");
      await writeFile(withClash, "probability,a,b,c,d\n1,1,2,3,4\n");
      const error = await rejection(score(withClash, join(failDir, "clash.csv"), { keepColumns: ["probability"] }));
      assert.match(error.message, /two columns named 'probability'/);
      const twoInputs = await loadOnnxModel(
        encodeModel({
          name: "two_inputs",
          nodes: [{ opType: "Add", inputs: ["x", "y"], outputs: ["sum"] }],
          initializers: [],
          inputs: [{ name: "x", dims: ["N", 1] }, { name: "y", dims: ["N", 1] }],
          outputs: [{ name: "sum", dims: ["N", 1] }],
        }),
      );
      try {
        const source = await openBatchSource(csvInput);
        const refused = await rejection(scoreBatches({ source, model: twoInputs, inputColumns: ["a"], outputPath: join(failDir, "two.csv") }));
        await source.close();
        assert.match(refused.message, /this model has 2 inputs \('x', 'y'\)/);
      } finally {
        await twoInputs.close();
      }
      assert.deepEqual(await filesIn(failDir), []);
    });
  });
});
