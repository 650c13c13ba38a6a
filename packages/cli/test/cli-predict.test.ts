import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { parquetWriteFile } from "hyparquet-writer";
import { createClient, type CairnClient } from "@cairn/sdk";
import { nodeLocalFiles } from "@cairn/sdk/node";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { cairn as cairnWith, cairnAt, type CliResult } from "./helpers/cli-harness.js";
import { logisticRegression } from "../../serve/test/fixtures/onnx-graph.js";

// Dyadic weights are exact in float32: the only difference from the JS reference is onnxruntime's rounding.
const WEIGHTS = [0.5, -1.25, 2, 0.0625];
const BIAS = -0.375;
const ROWS = 300;

/** sigmoid(x·w + b) in float64 over the float32 values the model is fed. */
const expected = (row: number[]) => 1 / (1 + Math.exp(-row.reduce((sum, x, j) => sum + Math.fround(x) * WEIGHTS[j]!, BIAS)));

function assertClose(actual: number[], rows: number[][]): void {
  assert.equal(actual.length, rows.length);
  actual.forEach((p, i) => assert.ok(Math.abs(p - expected(rows[i]!)) < 1e-6, `row ${i}: ${p} vs ${expected(rows[i]!)}`));
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path) });
}

/** A column-based MLmodel like mlflow.onnx.log_model writes for a pandas input (the SDK's logModel writes tensor signatures). */
const COLUMN_MLMODEL = `artifact_path: model
flavors:
  onnx:
    code: null
    data: model.onnx
    providers:
    - CPUExecutionProvider
  python_function:
    data: model.onnx
    loader_module: mlflow.onnx
mlflow_version: 3.6.1
signature:
  inputs: '[{"type": "double", "name": "age", "required": true}, {"type": "double", "name": "income", "required": true}, {"type": "double", "name": "tenure", "required": true}, {"type": "double", "name": "visits", "required": true}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}}]'
  params: null
`;

describe("cairn predict", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let client: CairnClient;
  let work: string;
  const rows = Array.from({ length: ROWS }, (_, i) => [((i * 37) % 101) / 10 - 5, ((i * 53) % 89) / 8 - 5, ((i * 11) % 23) / 4 - 3, (i % 7) - 3]);
  let csvInput: string;
  let modelDir: string;

  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    client = createClient({ trackingUri: server.url, maxRetries: 0, localFiles: nodeLocalFiles() });
    work = await mkdtemp(join(tmpdir(), "cairn-cli-predict-"));
    const onnxPath = join(work, "churn.onnx");
    await writeFile(onnxPath, logisticRegression(WEIGHTS, BIAS));
    await client.withRun({ experiment: "cli-predict", flushIntervalMs: 0 }, (run) =>
      run.logModel({
        onnx: onnxPath,
        signature: { inputs: [{ dtype: "float32", shape: [-1, 4] }], outputs: [{ dtype: "float32", shape: [-1, 1] }] },
        registeredModelName: "churn",
      }),
    );
    // The same model with a column-based signature, and a package without an onnx flavor.
    modelDir = join(work, "columns-model");
    await mkdir(modelDir);
    await writeFile(join(modelDir, "MLmodel"), COLUMN_MLMODEL);
    await writeFile(join(modelDir, "model.onnx"), logisticRegression(WEIGHTS, BIAS));
    const sklearnDir = join(work, "sklearn-model");
    await mkdir(sklearnDir);
    await writeFile(join(sklearnDir, "MLmodel"), "flavors:\n  sklearn:\n    pickled_model: model.pkl\n  python_function:\n    loader_module: mlflow.sklearn\n");
    await writeFile(join(sklearnDir, "model.pkl"), "not a model");
    const runId = await client.withRun({ experiment: "cli-predict", flushIntervalMs: 0 }, async (run) => {
      await run.logArtifact(modelDir);
      await run.logArtifact(sklearnDir);
      return run.runId;
    });
    assert.equal((await cairn("models", "register", "churn-columns", "--source", `runs:/${runId}/columns-model`)).code, 0);
    assert.equal((await cairn("models", "register", "churn-sklearn", "--source", `runs:/${runId}/sklearn-model`)).code, 0);
    csvInput = join(work, "customers.csv");
    await writeFile(csvInput, `customer_id,age,income,tenure,visits\n${rows.map((r, i) => `C${i},${r.join(",")}`).join("\n")}\n`);
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("scores a CSV into Parquet with a registered model, keeping the id", async () => {
    const output = join(work, "scores.parquet");
    const result = await cairn("predict", "models:/churn/1", "--input", csvInput, "--output", output, "--keep-columns", "customer_id", "--batch-rows", "64");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^Scored 300 rows with models:/churn/1 into ${output.replace(/[.]/g, "\\.")} \\(columns: customer_id, probability\\) in \\d+\\.\\d s\\.\\n$`));
    assert.equal(result.stderr, "", "no progress bar off a terminal");
    const written = await readParquet(output);
    assert.deepEqual(written.map((r) => r.customer_id), rows.map((_, i) => `C${i}`));
    assertClose(written.map((r) => r.probability as number), rows);
  });

  it("scores Parquet into CSV, by alias, with --columns in another order, as JSON", async () => {
    assert.equal((await cairn("models", "alias", "churn", "champion", "1")).code, 0);
    const parquetInput = join(work, "customers.parquet");
    const names = ["age", "income", "tenure", "visits"];
    parquetWriteFile({
      filename: parquetInput,
      columnData: [
        { name: "customer_id", data: rows.map((_, i) => `C${i}`), type: "STRING" },
        ...names.map((name, j) => ({ name, data: Float64Array.from(rows, (r) => r[j]!), type: "DOUBLE" as const })),
      ],
    });
    const output = join(work, "scores.csv");
    const result = await cairn("predict", "models:/churn@champion", "--input", parquetInput, "--output", output, "--columns", "age,income,tenure,visits", "--keep-columns", "customer_id", "--json");
    assert.equal(result.code, 0, result.stderr);
    const summary = JSON.parse(result.stdout) as { rows: number; output: string; columns: string[]; input_columns: string[]; seconds: number };
    assert.deepEqual({ ...summary, seconds: 0 }, { rows: ROWS, output, columns: ["customer_id", "probability"], input_columns: ["age", "income", "tenure", "visits"], seconds: 0 });
    const lines = (await readFile(output, "utf8")).trimEnd().split("\n").map((l) => l.split(","));
    assert.deepEqual(lines[0], ["customer_id", "probability"]);
    assertClose(lines.slice(1).map((l) => Number(l[1])), rows);
  });

  it("needs --columns when the tensor signature cannot name the features and the counts differ", async () => {
    const output = join(work, "ambiguous.csv");
    const result = await cairn("predict", "models:/churn/1", "--input", csvInput, "--output", output);
    assert.equal(result.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(result.stderr, /The model takes 4 input features and its signature does not name them, but the input has 5 columns \('customer_id', 'age', 'income', 'tenure', 'visits'\); pass --columns/);
    const reordered = await cairn("predict", "models:/churn/1", "--input", csvInput, "--output", output, "--columns", "visits,tenure,income,age", "--quiet");
    assert.equal(reordered.code, 0, reordered.stderr);
    assert.equal(reordered.stdout, "");
    const values = (await readFile(output, "utf8")).trimEnd().split("\n").slice(1).map(Number);
    assertClose(values, rows.map((r) => [...r].reverse()));
    const wrongCount = await cairn("predict", "models:/churn/1", "--input", csvInput, "--output", output, "--columns", "age,income");
    assert.equal(wrongCount.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(wrongCount.stderr, /--columns lists 2 columns but the model takes 4 input features/);
  });

  it("picks columns by the names of a column-based signature, from the registry or a local directory", async () => {
    const shuffled = join(work, "shuffled.csv");
    await writeFile(shuffled, `visits,id,tenure,age,income\n${rows.map((r, i) => `${r[3]},${i},${r[2]},${r[0]},${r[1]}`).join("\n")}\n`);
    for (const model of ["models:/churn-columns/1", modelDir]) {
      const output = join(work, "by-name.parquet");
      const result = await cairn("predict", model, "--input", shuffled, "--output", output, "--keep-columns", "id");
      assert.equal(result.code, 0, `${model}: ${result.stderr}`);
      const written = await readParquet(output);
      assert.deepEqual(written.map((r) => r.id), rows.map((_, i) => String(i)));
      assertClose(written.map((r) => r.probability as number), rows);
    }
    const missing = join(work, "missing.csv");
    await writeFile(missing, "age,income,visits\n1,2,3\n");
    const result = await cairn("predict", "models:/churn-columns/1", "--input", missing, "--output", join(work, "never.csv"));
    assert.equal(result.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(result.stderr, /missing\.csv has no column 'tenure'; its columns are 'age', 'income', 'visits'/);
  });

  it("draws a progress bar on a terminal's stderr", async () => {
    let stderr = "";
    const tty = { isTTY: true, columns: 100, write: (s: string) => ((stderr += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => tty, removeListener: () => tty };
    const result = await cairnWith(["predict", "models:/churn/1", "--input", csvInput, "--output", join(work, "bar.csv"), "--keep-columns", "customer_id"], { CAIRN_TRACKING_URI: server.url }, { stderr: tty });
    assert.equal(result.code, 0, stderr);
    assert.match(stderr, /scoring \[.*\] 100% \| 300 rows/);
    let quiet = "";
    const quietTty = { ...tty, write: (s: string) => ((quiet += s), true) };
    await cairnWith(["predict", "models:/churn/1", "--input", csvInput, "--output", join(work, "bar.csv"), "--keep-columns", "customer_id", "--quiet"], { CAIRN_TRACKING_URI: server.url }, { stderr: quietTty });
    assert.equal(quiet, "");
  });

  it("refuses what it cannot score, saying why, and writes nothing", async () => {
    const out = join(work, "refused");
    await mkdir(out);
    const cases: [string[], number, RegExp][] = [
      [["models:/churn-sklearn/1"], EXIT_CODES.INVALID_PARAMETER_VALUE, /flavor\(s\) sklearn, python_function are not supported/],
      [["models:/nobody/1"], EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /nobody/],
      [[join(work, "no-such-dir")], EXIT_CODES.INVALID_PARAMETER_VALUE, /neither a models:\/ URI nor a model directory/],
      [["models:/churn/1", "--input", join(work, "absent.csv")], EXIT_CODES.INVALID_PARAMETER_VALUE, /absent\.csv' does not exist/],
      [["models:/churn/1", "--output", join(out, "p.json")], EXIT_CODES.INVALID_PARAMETER_VALUE, /Cannot tell the output format/],
      [["models:/churn/1", "--outputs", "score", "--keep-columns", "customer_id"], EXIT_CODES.INVALID_PARAMETER_VALUE, /no output 'score'; its outputs are 'probability'/],
      [["models:/churn/1", "--batch-rows", "0"], EXIT_USAGE, /expected a whole number of rows/],
    ];
    for (const [args, code, message] of cases) {
      const argv = ["predict", ...args];
      if (!args.includes("--input")) argv.push("--input", csvInput);
      if (!args.includes("--output")) argv.push("--output", join(out, "p.csv"));
      const result = await cairn(...argv);
      assert.equal(result.code, code, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(" "));
    }
    assert.deepEqual(await readdir(out), []);
  });
});
