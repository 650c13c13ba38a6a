import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { invalidParameter } from "@cairn/core";
import { readMlmodel } from "../model/mlmodel.js";
import { writeWebBundle, type WebBundleResult } from "./web-bundle.js";

/** What writeWebBundleFromDirectory needs: a downloaded model package and the bundle's identity and place. */
export interface DirectoryBundleOptions {
  /** A model package: MLmodel plus the onnx flavor's file (what `cairn models download` writes). */
  modelDir: string;
  modelName: string;
  version: string;
  outDir: string;
  featureNames?: string[];
  /** How messages name the model, e.g. "models:/iris/3"; default "model <name> version <version>". */
  where?: string;
}

/** MLflow's input example file (the SDK's logModel writes it too). */
const INPUT_EXAMPLE_FILE = "input_example.json";
/** Rows the example page starts with, at most. */
const EXAMPLE_ROWS = 5;

/**
 * Writes a web bundle from a model package directory: the onnx flavor's file and input signature
 * from MLmodel (a package without the onnx flavor is INVALID_PARAMETER_VALUE naming its flavors),
 * and the first rows of input_example.json, when there is one, for the example page.
 */
export async function writeWebBundleFromDirectory(options: DirectoryBundleOptions): Promise<WebBundleResult> {
  const where = options.where ?? `model ${options.modelName} version ${options.version}`;
  const info = readMlmodel(new TextDecoder().decode(await readPackageFile(options.modelDir, "MLmodel", where)), where);
  const onnxBytes = await readPackageFile(options.modelDir, info.onnxFile, where);
  return writeWebBundle({
    onnxBytes,
    signature: info.signature,
    modelName: options.modelName,
    version: options.version,
    outDir: options.outDir,
    featureNames: options.featureNames,
    exampleRows: await readExampleRows(options.modelDir, where),
  });
}

async function readPackageFile(dir: string, file: string, where: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(join(dir, file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const found = (await readdir(dir, { recursive: true })).sort();
    const listing = found.length === 0 ? "it has no files" : `it holds ${found.slice(0, 20).join(", ")}${found.length > 20 ? ", ..." : ""}`;
    throw invalidParameter(
      file === "MLmodel"
        ? `${where} has no MLmodel file (${listing}); export a logged model (run.logModel or mlflow.onnx.log_model), not a bare file.`
        : `${where}: the onnx flavor's data file '${file}' is missing from the package (${listing}).`,
    );
  }
}

// An example as MLflow saves one: rows ([[...], ...]), a pandas "split" frame ({columns, data}),
// or a record holding one tensor of rows ({"input": [[...]]}). Other shapes give no example.
async function readExampleRows(dir: string, where: string): Promise<unknown[] | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, INPUT_EXAMPLE_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let example: unknown;
  try {
    example = JSON.parse(text);
  } catch (error) {
    throw invalidParameter(`${where}: ${INPUT_EXAMPLE_FILE} is not valid JSON (${error instanceof Error ? error.message : String(error)}); re-log the model with a valid input example.`);
  }
  const isRows = (value: unknown): value is unknown[][] => Array.isArray(value) && value.length > 0 && value.every(Array.isArray);
  if (isRows(example)) return example.slice(0, EXAMPLE_ROWS);
  if (typeof example !== "object" || example === null) return undefined;
  const record = example as Record<string, unknown>;
  if (Array.isArray(record.columns) && isRows(record.data)) {
    const columns = record.columns as unknown[];
    return record.data.slice(0, EXAMPLE_ROWS).map((row) => Object.fromEntries(columns.map((c, i) => [String(c), row[i]])));
  }
  const values = Object.values(record);
  return values.length === 1 && isRows(values[0]) ? values[0].slice(0, EXAMPLE_ROWS) : undefined;
}
