// Batch scoring throughput: generates a seeded Parquet file of N rows × 30 float64 features,
// scores it Parquet → Parquet with a 30-feature logistic regression (real onnxruntime), and prints
// rows/s, input MB/s and peak RSS; then the same for a CSV input (CSV → Parquet, for information).
// It also prints the process's CPU seconds (all threads: scoring itself runs on the main thread,
// file reads and GC helpers on others), a cost figure that holds when other work shares the cores.
// Predictions of the first rows are checked against sigmoid(x·w + b) computed in plain JS.
// usage: node --import tsx bench/batch.ts [--rows 2000000] [--csv-rows 500000] [--features 30]
//        [--batch-rows 65536] [--row-group 65536] [--codec SNAPPY|UNCOMPRESSED] [--seed 42]
//        [--dir /tmp/x [--reuse]]   (--dir keeps the inputs; --reuse scores inputs already there, for profiling)
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { ParquetWriter } from "hyparquet-writer";
import { fileWriter } from "hyparquet-writer/src/node.js";
import { loadOnnxModel, openBatchSource, scoreBatches, type OnnxModel } from "@cairn/serve";
import { logisticRegression } from "../packages/serve/test/fixtures/onnx-graph.js";
import { flag } from "./http.js";
import { prng } from "./prng.js";

const rows = Number(flag("rows", "2000000"));
const csvRows = Number(flag("csv-rows", "500000"));
const featureCount = Number(flag("features", "30"));
const batchRows = Number(flag("batch-rows", "65536"));
const rowGroup = Number(flag("row-group", "65536"));
const codec = flag("codec", "SNAPPY") as "SNAPPY" | "UNCOMPRESSED";
const seed = Number(flag("seed", "42"));
const keepDir = process.argv.includes("--dir");
const reuse = keepDir && process.argv.includes("--reuse");
const dir = keepDir ? flag("dir", "") : mkdtempSync(join(tmpdir(), "cairn-bench-batch-"));
if (keepDir) mkdirSync(dir, { recursive: true });

const names = Array.from({ length: featureCount }, (_, j) => `f${j}`);
const random = prng(seed);
// Dyadic weights are exact in float32, so the JS reference differs only by onnxruntime's rounding.
const weights = names.map(() => Math.round((random() - 0.5) * 64) / 64);
const bias = 0.125;

/** Feature value j of row i: a pure function of (seed, i, j), so the CSV and Parquet inputs hold the same data. */
function featureRows(count: number, each: (row: Float64Array, i: number) => void): void {
  const rowRandom = prng(seed + 1);
  const row = new Float64Array(featureCount);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < featureCount; j++) row[j] = (rowRandom() - 0.5) * 4;
    each(row, i);
  }
}

function writeParquetInput(path: string, count: number): void {
  const schema = [{ name: "root", num_children: featureCount + 1 }, { name: "id", type: "INT64" as const, repetition_type: "REQUIRED" as const }, ...names.map((name) => ({ name, type: "DOUBLE" as const, repetition_type: "REQUIRED" as const }))];
  const writer = new ParquetWriter({ writer: fileWriter(path), schema, codec, statistics: false });
  let columns = names.map(() => new Float64Array(rowGroup));
  let ids = new BigInt64Array(rowGroup);
  let filled = 0;
  const flush = () => {
    if (filled === 0) return;
    const columnData = [{ name: "id", data: ids.subarray(0, filled) }, ...names.map((name, j) => ({ name, data: columns[j]!.subarray(0, filled) }))];
    writer.write({ columnData, rowGroupSize: filled });
    columns = names.map(() => new Float64Array(rowGroup));
    ids = new BigInt64Array(rowGroup);
    filled = 0;
  };
  featureRows(count, (row, i) => {
    ids[filled] = BigInt(i);
    for (let j = 0; j < featureCount; j++) columns[j]![filled] = row[j]!;
    if (++filled === rowGroup) flush();
  });
  flush();
  writer.finish();
}

function writeCsvInput(path: string, count: number): void {
  const fd = openSync(path, "w");
  let lines = [`id,${names.join(",")}`];
  featureRows(count, (row, i) => {
    lines.push(`${i},${Array.from(row, (v) => v.toPrecision(9)).join(",")}`);
    if (lines.length === 10_000) {
      writeSync(fd, `${lines.join("\n")}\n`);
      lines = [];
    }
  });
  if (lines.length > 0) writeSync(fd, `${lines.join("\n")}\n`);
  closeSync(fd);
}

/** Scores input into output, checks the first predictions, and prints one line of figures. */
async function measure(label: string, model: OnnxModel, input: string, output: string, expectedRows: number): Promise<void> {
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const source = await openBatchSource(input);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await scoreBatches({ source, model, inputColumns: names, keepColumns: ["id"], outputPath: output, batchRows });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await source.close();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (result.rows !== expectedRows) throw new Error(`${label}: scored ${result.rows} rows, expected ${expectedRows}`);
  const error = await checkPredictions(output);
  const mb = statSync(input).size / 1e6;
  console.log(
    `batch ${label} rows=${result.rows} features=${featureCount} seconds=${seconds.toFixed(2)} rows_per_s=${Math.round(result.rows / seconds)} cpu_s=${cpuSeconds.toFixed(2)} rows_per_cpu_s=${Math.round(result.rows / cpuSeconds)} input_mb=${mb.toFixed(0)} mb_per_s=${(mb / seconds).toFixed(0)} start_rss_mb=${(startRss / 1e6).toFixed(0)} peak_rss_mb=${(peakRss / 1e6).toFixed(0)} max_abs_error=${error.toExponential(1)}`,
  );
}

/** The largest difference between the first 1,000 predictions and sigmoid(x·w + b) in float64 JS. */
async function checkPredictions(output: string): Promise<number> {
  const check = 1000;
  const written = await parquetReadObjects({ file: await asyncBufferFromFile(output), rowEnd: check });
  let worst = 0;
  featureRows(Math.min(check, written.length), (row, i) => {
    if (Number(written[i]!.id) !== i) throw new Error(`row ${i} has id ${written[i]!.id}`);
    const z = row.reduce((sum, x, j) => sum + Math.fround(x) * weights[j]!, bias);
    worst = Math.max(worst, Math.abs((written[i]!.probability as number) - 1 / (1 + Math.exp(-z))));
  });
  if (worst > 1e-6) throw new Error(`predictions differ from the JS reference by ${worst}`);
  return worst;
}

try {
  const parquetInput = join(dir, "features.parquet");
  const csvInput = join(dir, "features.csv");
  if (!reuse) {
    let t = performance.now();
    writeParquetInput(parquetInput, rows);
    console.error(`generated ${rows} rows × ${featureCount} features (${codec}, row groups of ${rowGroup}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    if (csvRows > 0) writeCsvInput(csvInput, csvRows);
    console.error(`generated ${csvRows} CSV rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const model = await loadOnnxModel(logisticRegression(weights, bias));
  await measure("parquet->parquet", model, parquetInput, join(dir, "predictions.parquet"), rows);
  if (csvRows > 0) await measure("csv->parquet", model, csvInput, join(dir, "predictions-from-csv.parquet"), csvRows);
  await model.close();
} finally {
  if (!keepDir) rmSync(dir, { recursive: true, force: true });
}
