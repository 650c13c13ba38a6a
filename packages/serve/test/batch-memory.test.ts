import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ParquetWriter } from "hyparquet-writer";
import { fileWriter } from "hyparquet-writer/src/node.js";
import { loadOnnxModel, type OnnxModel } from "@cairn/serve";
import { openBatchSource } from "../src/batch/open-batch-source.js";
import { scoreBatches } from "../src/batch/score-batches.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { logistic, prng, readParquet } from "./fixtures/batch/batch-data.js";

// Scoring must hold one batch (or one Parquet row group) at a time, not the file. The measure is
// the peak of process.memoryUsage().arrayBuffers during the run, above where it started: file
// buffers, decoded columns and packed tensors are all ArrayBuffers, so an implementation that
// read the whole input would show at least the input's size there.
const FEATURES = Array.from({ length: 8 }, (_, j) => `x${j}`);
const WEIGHTS = FEATURES.map((_, j) => (j % 3) - 1 + 0.125 * j);
const BIAS = 0.0625;
const MB = 1 << 20;

function writeParquetRows(path: string, rows: number, seed: number): void {
  const random = prng(seed);
  const schema = [{ name: "root", num_children: FEATURES.length }, ...FEATURES.map((name) => ({ name, type: "DOUBLE", repetition_type: "REQUIRED" }))];
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: schema as never, codec: "UNCOMPRESSED", statistics: false });
  const group = 16_384;
  for (let start = 0; start < rows; start += group) {
    const n = Math.min(group, rows - start);
    const columnData = FEATURES.map((name) => ({ name, data: Float64Array.from({ length: n }, () => random() * 4 - 2) }));
    writer.write({ columnData, rowGroupSize: n });
  }
  writer.finish();
}

function writeCsvRows(path: string, rows: number, seed: number): void {
  const random = prng(seed);
  const fd = openSync(path, "w");
  writeSync(fd, `${FEATURES.join(",")}\n`);
  for (let start = 0; start < rows; start += 10_000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) lines.push(FEATURES.map(() => (random() * 4 - 2).toFixed(6)).join(","));
    writeSync(fd, `${lines.join("\n")}\n`);
  }
  closeSync(fd);
}

describe("batch scoring memory", () => {
  let dir: string;
  let model: OnnxModel;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "cairn-batch-memory-"));
    model = await loadOnnxModel(logisticRegression(WEIGHTS, BIAS));
  });
  after(async () => {
    await model.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Scores input and returns the peak growth of ArrayBuffer memory (MB) and the largest batch seen. */
  async function peakGrowth(input: string, output: string, batchRows: number): Promise<{ growthMb: number; maxBatch: number; rows: number }> {
    globalThis.gc?.();
    const base = process.memoryUsage().arrayBuffers;
    let peak = base;
    let maxBatch = 0;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers));
    const timer = setInterval(sample, 2);
    const source = await openBatchSource(input);
    const batches = source.batches.bind(source);
    // Count the rows of every batch the scorer receives, as well as the memory it takes.
    source.batches = async function* (selection) {
      for await (const batch of batches(selection)) {
        maxBatch = Math.max(maxBatch, batch.rows);
        sample();
        yield batch;
      }
    };
    try {
      const result = await scoreBatches({ source, model, inputColumns: FEATURES, outputPath: output, batchRows, onProgress: sample });
      return { growthMb: (peak - base) / MB, maxBatch, rows: result.rows };
    } finally {
      clearInterval(timer);
      await source.close();
    }
  }

  it("stays bounded on a 1,000,000-row Parquet file (64 MB of features) as on one ten times smaller", async (t) => {
    const big = join(dir, "big.parquet");
    const small = join(dir, "small.parquet");
    writeParquetRows(big, 1_000_000, 1);
    writeParquetRows(small, 100_000, 2);
    const size = (await stat(big)).size / MB;
    const smallRun = await peakGrowth(small, join(dir, "small-out.parquet"), 8192);
    const bigRun = await peakGrowth(big, join(dir, "big-out.parquet"), 8192);
    t.diagnostic(`parquet ${size.toFixed(0)} MB: ArrayBuffers +${bigRun.growthMb.toFixed(1)} MB (10x smaller input: +${smallRun.growthMb.toFixed(1)} MB)`);
    assert.equal(bigRun.rows, 1_000_000);
    assert.ok(bigRun.maxBatch <= 8192, `a batch of ${bigRun.maxBatch} rows`);
    assert.ok(bigRun.growthMb < 20, `ArrayBuffers grew by ${bigRun.growthMb.toFixed(1)} MB scoring a ${size.toFixed(0)} MB file`);
    assert.ok(bigRun.growthMb < smallRun.growthMb + 8, `big run +${bigRun.growthMb.toFixed(1)} MB vs small run +${smallRun.growthMb.toFixed(1)} MB`);
    // And the predictions are right at both ends of the file.
    const written = await readParquet(join(dir, "big-out.parquet"));
    const random = prng(1);
    const firstGroup = FEATURES.map(() => Float64Array.from({ length: 16_384 }, () => random() * 4 - 2));
    for (const i of [0, 1, 16_383]) {
      const row = firstGroup.map((column) => column[i]!);
      assert.ok(Math.abs((written[i]!.probability as number) - logistic(row, WEIGHTS, BIAS)) < 1e-6, `row ${i}`);
    }
  });

  it("stays bounded on a 400,000-row CSV file as on one ten times smaller", async (t) => {
    const big = join(dir, "big.csv");
    const small = join(dir, "small.csv");
    writeCsvRows(big, 400_000, 3);
    writeCsvRows(small, 40_000, 4);
    const size = (await stat(big)).size / MB;
    const smallRun = await peakGrowth(small, join(dir, "small-out.csv"), 4096);
    const bigRun = await peakGrowth(big, join(dir, "big-out.parquet"), 4096);
    t.diagnostic(`csv ${size.toFixed(0)} MB: ArrayBuffers +${bigRun.growthMb.toFixed(1)} MB (10x smaller input: +${smallRun.growthMb.toFixed(1)} MB)`);
    assert.equal(bigRun.rows, 400_000);
    assert.ok(bigRun.maxBatch <= 4096, `a batch of ${bigRun.maxBatch} rows`);
    assert.ok(bigRun.growthMb < size / 3, `ArrayBuffers grew by ${bigRun.growthMb.toFixed(1)} MB scoring a ${size.toFixed(0)} MB file`);
    assert.ok(bigRun.growthMb < smallRun.growthMb + 8, `big run +${bigRun.growthMb.toFixed(1)} MB vs small run +${smallRun.growthMb.toFixed(1)} MB`);
  });
});
