import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { invalidParameter } from "@cairn/core";
import type { InputSignature } from "../model/model-signature.js";
import { openServingSession } from "../model/onnx-session.js";
import { locateOrtWeb, ORT_WEB_FILES, ortNotice } from "./ort-web-files.js";
import { indexHtml } from "./web-page-source.js";
import { webManifest, type OnnxInterface, type WebBundleManifest } from "./web-manifest.js";
import { PREDICT_JS } from "./web-predict-source.js";

/** What writeWebBundle needs: the model, its registry identity and signature, and where to write. */
export interface WebBundleOptions {
  onnxBytes: Uint8Array;
  /** The MLmodel input signature; a column-based one names the features. */
  signature?: InputSignature;
  modelName: string;
  version: string;
  /** A new or empty directory; it receives the whole bundle or, on any error, nothing. */
  outDir: string;
  /** Feature column names when the signature has none (or to override it). */
  featureNames?: string[];
  /** Rows the example page starts with (an input example, say). */
  exampleRows?: unknown[];
}

/** What was written. */
export interface WebBundleResult {
  outDir: string;
  manifest: WebBundleManifest;
  /** Paths relative to outDir with their sizes, in writing order. */
  files: { path: string; bytes: number }[];
  bytes: number;
}

/** The runtime's folder inside a bundle. */
const ORT_DIR = "ort";

/**
 * Writes a self-contained browser bundle: model.onnx, manifest.json, predict.js (an ES module over
 * a copy of onnxruntime-web), index.html and the runtime under ort/. Any static file server can
 * host it with no network access. The model is checked (it must load in onnxruntime and have one
 * numeric [rows, features] input) before anything is written, and the bundle is assembled in a
 * sibling directory renamed into place, so a failure leaves outDir as it was.
 */
export async function writeWebBundle(options: WebBundleOptions): Promise<WebBundleResult> {
  if (!(options.onnxBytes instanceof Uint8Array) || options.onnxBytes.length === 0) throw invalidParameter("onnxBytes must be the model's non-empty ONNX file contents.");
  if (typeof options.outDir !== "string" || options.outDir === "") throw invalidParameter("outDir must be a directory path.");
  const outDir = resolve(options.outDir);
  await checkBundleDestination(outDir);
  const model = await describeOnnxModel(options.onnxBytes);
  const ort = await locateOrtWeb();
  const manifest = webManifest({
    modelName: options.modelName,
    version: options.version,
    model,
    signature: options.signature,
    featureNames: options.featureNames,
    ortVersion: ort.version,
    ortFiles: ORT_WEB_FILES.map((file) => `${ORT_DIR}/${file}`),
  });
  if (options.exampleRows !== undefined && !Array.isArray(options.exampleRows)) throw invalidParameter("exampleRows must be an array of rows.");

  await mkdir(dirname(outDir), { recursive: true });
  const staging = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.partial-`));
  const files: { path: string; bytes: number }[] = [];
  try {
    // mkdtemp makes its directory private (0700); a web server running as another user must read it.
    await chmod(staging, 0o755);
    const put = async (path: string, content: string | Uint8Array) => {
      await writeFile(join(staging, path), content);
      files.push({ path, bytes: typeof content === "string" ? Buffer.byteLength(content) : content.length });
    };
    await put(manifest.model_file, options.onnxBytes);
    await put("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
    await put("predict.js", PREDICT_JS);
    await put("index.html", indexHtml(manifest, options.exampleRows));
    await mkdir(join(staging, ORT_DIR));
    for (const file of ORT_WEB_FILES) {
      await copyFile(join(ort.distDir, file), join(staging, ORT_DIR, file));
      files.push({ path: `${ORT_DIR}/${file}`, bytes: (await stat(join(staging, ORT_DIR, file))).size });
    }
    await put(`${ORT_DIR}/NOTICE.txt`, ortNotice(ort.version));
    // checkBundleDestination allowed only a missing or empty directory; an empty one is replaced whole.
    await rmdir(outDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { outDir, manifest, files, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
}

/** Opens the model in onnxruntime-node (the check that it loads) to read its inputs and outputs. */
async function describeOnnxModel(bytes: Uint8Array): Promise<OnnxInterface> {
  const session = await openServingSession(bytes);
  try {
    const describe = (values: typeof session.inputs) => values.map(({ name, type, shape }) => ({ name, type, shape: shape.map((d) => (typeof d === "number" && d >= 0 ? d : -1)) }));
    return { inputs: describe(session.inputs), outputs: describe(session.outputs) };
  } finally {
    await session.close();
  }
}

/**
 * Checks a bundle could be written to outDir: it must not exist yet, or be an empty directory, so
 * a bundle never mixes with other files. Callers can check before a long download.
 */
export async function checkBundleDestination(outDir: string): Promise<void> {
  let info;
  try {
    info = await stat(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (!info.isDirectory()) throw invalidParameter(`'${outDir}' is a file; give a new or empty directory for the bundle.`);
  const entries = await readdir(outDir);
  if (entries.length > 0) {
    throw invalidParameter(`'${outDir}' is not empty (${entries.length} entries); give a new or empty directory, so the bundle does not mix with other files.`);
  }
}
