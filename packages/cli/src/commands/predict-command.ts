import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { SingleBar } from "cli-progress";
import { invalidParameter } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatBytes } from "../output/format.js";
import { clientFor, examples } from "./shared.js";

interface PredictOptions {
  input: string;
  output: string;
  columns?: string[];
  keepColumns?: string[];
  outputs?: string[];
  batchRows: number;
  quiet?: boolean;
  json?: boolean;
}

/** Progress as scoreBatches reports it (the type lives in @cairn/serve, which is loaded on demand). */
interface Progress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  totalRows: number | undefined;
}

/** a,b,c: non-empty names separated by commas. */
function parseNames(value: string): string[] {
  const names = value.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) throw new InvalidArgumentError(`expected comma-separated column names such as id,score; got '${value}'.`);
  return names;
}

/** --batch-rows: a whole number of rows, at least 1. */
function parseBatchRows(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of rows (at least 1), got '${value}'.`);
  return n;
}

/** Adds `cairn predict <model> --input <file> --output <file>`: batch scoring of a CSV or Parquet file. */
export function addPredictCommand(program: Command, io: CliIo): void {
  program
    .command("predict")
    .description("score a CSV or Parquet file with a registered ONNX model, in constant memory, into a CSV or Parquet file")
    .argument("<model>", "models:/<name>/<version>, models:/<name>@<alias>, models:/<name>/<stage>, or a local model directory (with MLmodel)")
    .requiredOption("--input <file>", "rows to score: .csv (with a header line) or .parquet")
    .requiredOption("--output <file>", "where the predictions go: .csv or .parquet; written under a temporary name and renamed when complete")
    .option("--columns <names>", "feature columns in the model's input order (default: the signature's column names, else the input's columns when their number matches the model)", parseNames)
    .option("--keep-columns <names>", "input columns to copy to the output ahead of the predictions, such as an id", parseNames)
    .option("--outputs <names>", "model outputs to write (default: all of them)", parseNames)
    .option("--batch-rows <n>", "rows per model run (a Parquet batch also never spans row groups)", parseBatchRows, 65_536)
    .option("--quiet", "no progress bar and no summary line")
    .option("--json", "print {rows, output, columns, input_columns, seconds} as JSON when done")
    .addHelpText(
      "after",
      examples(
        "cairn predict models:/churn/3 --input customers.parquet --output scores.parquet --keep-columns customer_id",
        "cairn predict models:/churn@champion --input customers.csv --output scores.csv --columns age,income,tenure",
        "cairn predict ./exported-model --input big.parquet --output preds.parquet --batch-rows 262144 --quiet",
      ),
    )
    .action(async (modelRef: string, options: PredictOptions, command: Command) => {
      // Loaded here, not at the top: @cairn/serve brings onnxruntime, which other commands never need.
      const serve = await import("@cairn/serve");
      const started = performance.now();
      const model = modelRef.startsWith("models:/")
        ? await serve.loadRegisteredModel(clientFor(command, io), modelRef)
        : await serve.loadModelDirectory(await modelDirectory(modelRef), { name: basename(resolve(modelRef)), version: "local", where: modelRef });
      const bar = options.quiet || options.json ? undefined : progressBar(io);
      try {
        const result = await serve.predictFile({
          model,
          input: options.input,
          output: options.output,
          columns: options.columns,
          keepColumns: options.keepColumns,
          outputNames: options.outputs,
          batchRows: options.batchRows,
          onStart: (info) => bar?.start(info.totalRows, info.totalBytes),
          onProgress: (progress) => bar?.update(progress),
        });
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        if (options.json) {
          writeJson(io.stdout, { rows: result.rows, output: result.outputPath, columns: result.columns, input_columns: result.inputColumns, seconds });
        } else if (!options.quiet) {
          writeLine(io.stdout, `Scored ${result.rows.toLocaleString("en-US")} rows with ${modelRef} into ${result.outputPath} (columns: ${result.columns.join(", ")}) in ${seconds.toFixed(1)} s.`);
        }
      } finally {
        bar?.stop();
        await model.onnx.close();
      }
    });
}

async function modelDirectory(ref: string): Promise<string> {
  const info = await stat(ref).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!info?.isDirectory()) {
    throw invalidParameter(`'${ref}' is neither a models:/ URI nor a model directory; pass models:/<name>/<version> (or @alias), or the directory holding a model's MLmodel file.`);
  }
  return ref;
}

/** A cli-progress bar on stderr while scoring, only when stderr is a terminal (stdout stays clean for scripts). */
function progressBar(io: CliIo): { start(totalRows: number | undefined, totalBytes: number): void; update(progress: Progress): void; stop(): void } | undefined {
  if ((io.stderr as { isTTY?: boolean }).isTTY !== true) return undefined;
  let bar: SingleBar | undefined;
  let byRows = false;
  return {
    start(totalRows, totalBytes) {
      // Parquet says how many rows it holds; a CSV file's progress is how far through its bytes we are.
      byRows = totalRows !== undefined;
      bar = new SingleBar({
        stream: io.stderr as unknown as NodeJS.WritableStream,
        format: `scoring [{bar}] {percentage}% | {rows} rows | {read} / {size}`,
        hideCursor: true,
        gracefulExit: false,
        barsize: 30,
      });
      bar.start(byRows ? Math.max(1, totalRows!) : Math.max(1, totalBytes), 0, { rows: "0", read: formatBytes(0), size: formatBytes(totalBytes) });
    },
    update(progress) {
      bar?.update(byRows ? progress.rows : progress.bytesRead, { rows: progress.rows.toLocaleString("en-US"), read: formatBytes(progress.bytesRead), size: formatBytes(progress.totalBytes) });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
