import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CairnError, invalidParameter } from "@cairn/core";
import { readMlmodel } from "./mlmodel.js";
import type { InputSignature } from "./model-signature.js";
import { openServingSession, type ServingSession } from "./onnx-session.js";

/** A registered model version ready to serve. */
export interface LoadedModel {
  /** The registered model's name. */
  readonly name: string;
  /** The version number, as the registry writes it ("3"). */
  readonly version: string;
  readonly signature: InputSignature;
  readonly onnx: ServingSession;
  /** Download plus session creation, in seconds. */
  readonly loadSeconds: number;
  /** The .onnx file's bytes, kept so a shadow copy can be opened off the main thread. */
  readonly onnxBytes: Uint8Array;
}

/** What loading needs from a Cairn client: client.downloadModel. */
export interface ModelDownloader {
  downloadModel(modelUri: string, localDir: string): Promise<{ version: { name: string; version: string } }>;
}

/** Options of the loaders. */
export interface LoadModelOptions {
  /** A monotonic clock in milliseconds (default performance.now), for loadSeconds. */
  now?: () => number;
  /** Where the temporary download directory is made (default the OS temp dir). */
  tempDir?: string;
}

/**
 * Resolves and downloads a models:/ URI into a temporary directory, loads its onnx flavor and
 * deletes the directory again (the session holds the model in memory).
 */
export async function loadRegisteredModel(client: ModelDownloader, modelUri: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const now = options.now ?? performance.now.bind(performance);
  const started = now();
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), "cairn-serve-"));
  try {
    const { version } = await client.downloadModel(modelUri, dir);
    const loaded = await loadModelDirectory(dir, { name: version.name, version: version.version, where: `${modelUri} (version ${version.version})` });
    return { ...loaded, loadSeconds: (now() - started) / 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads a model package directory (MLmodel plus the onnx flavor's file) as version `identity`. */
export async function loadModelDirectory(dir: string, identity: { name: string; version: string; where?: string }, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const now = options.now ?? performance.now.bind(performance);
  const started = now();
  const where = identity.where ?? `model ${identity.name} version ${identity.version}`;
  const mlmodelText = await readPackageFile(dir, "MLmodel", where, "utf8");
  const info = readMlmodel(mlmodelText, where);
  const bytes = await readPackageFile(dir, info.onnxFile, where);
  const onnx = await openServingSession(bytes);
  return { name: identity.name, version: identity.version, signature: info.signature, onnx, onnxBytes: bytes, loadSeconds: (now() - started) / 1000 };
}

async function readPackageFile(dir: string, file: string, where: string): Promise<Uint8Array>;
async function readPackageFile(dir: string, file: string, where: string, encoding: "utf8"): Promise<string>;
async function readPackageFile(dir: string, file: string, where: string, encoding?: "utf8"): Promise<Uint8Array | string> {
  try {
    return encoding ? await readFile(join(dir, file), encoding) : new Uint8Array(await readFile(join(dir, file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const found = await listFiles(dir);
    const listing = found.length === 0 ? "it has no files at all" : `it holds ${found.slice(0, 20).join(", ")}${found.length > 20 ? ", ..." : ""}`;
    if (file === "MLmodel") {
      throw invalidParameter(`${where} has no MLmodel file (${listing}); register the directory of a logged model (run.logModel or mlflow.onnx.log_model), not a bare file.`);
    }
    throw new CairnError("INVALID_PARAMETER_VALUE", `${where}: the onnx flavor's data file '${file}' is missing from the package (${listing}).`, { cause: error });
  }
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : Promise.resolve([join(prefix, e.name)]))));
  return nested.flat().sort();
}
