import { CairnError, invalidParameter, isCairnError, type KeyValue, type ModelVersion } from "@cairn/core";
import type { ArtifactsApi } from "../artifacts/artifacts-api.js";
import type { LocalFiles } from "../artifacts/local-files.js";
import type { LoggedModelsApi } from "../client/logged-models-api.js";
import type { RunsApi } from "../client/runs-api.js";
import type { RegistryApi } from "../registry/model-registry.js";
import { saveInputExample, schemaJson, validateSignature, type ModelSignature, type SavedInputExample } from "./model-signature.js";
import { toYaml, type YamlValue } from "./yaml.js";

/** What run.logModel accepts. */
export interface LogModelOptions {
  /** Path to the .onnx file to log. */
  onnx: string;
  /** The logged model's name (default "model"). */
  name?: string;
  /** Tensor-based ({name?, dtype, shape}) or column-based ({name, type}) inputs and outputs. */
  signature?: ModelSignature;
  /** JSON-serializable: an array (one tensor) or a record of arrays (named tensors). */
  inputExample?: unknown;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** Also registers the model as a new version of this registered model. */
  registeredModelName?: string;
}

/** What run.logModel made. */
export interface LoggedModelResult {
  modelId: string;
  /** The logged model's mlflow-artifacts:/ URI, holding MLmodel, model.onnx and any example. */
  artifactUri: string;
  /** The new registry version, when registeredModelName was given. */
  modelVersion?: ModelVersion;
}

/** What logModel needs from its client. */
export interface ModelLoggingDeps {
  artifacts: ArtifactsApi;
  loggedModels: LoggedModelsApi;
  runs: RunsApi;
  registry: RegistryApi;
  localFiles: LocalFiles;
  now: () => number;
}

/** The MLflow release whose MLmodel format is written. */
export const MLFLOW_VERSION = "3.6.1";
/** The model file's name inside the logged model's artifacts. */
export const ONNX_MODEL_FILE = "model.onnx";

interface Prepared {
  onnxPath: string;
  name: string;
  example?: SavedInputExample;
}

const pairs = (record: Record<string, string> = {}): KeyValue[] => Object.entries(record).map(([key, value]) => ({ key, value }));

/** Checks every option (and that the .onnx file exists) before anything is created. */
async function prepare(files: LocalFiles, options: LogModelOptions): Promise<Prepared> {
  if (typeof options?.onnx !== "string" || options.onnx === "") throw invalidParameter("logModel needs onnx: the path to a .onnx file.");
  let source: Awaited<ReturnType<LocalFiles["walk"]>>;
  try {
    source = await files.walk(options.onnx);
  } catch (error) {
    if (isCairnError(error)) throw invalidParameter(`onnx: ${error.message}`);
    throw error;
  }
  if (source.isDirectory || source.files.length !== 1) throw invalidParameter(`onnx: '${options.onnx}' is a directory; pass the path to a .onnx file.`);
  const name = options.name ?? "model";
  if (typeof name !== "string" || name.trim() === "") throw invalidParameter("name must be a non-empty string.");
  if (options.signature !== undefined) validateSignature(options.signature);
  for (const field of ["params", "tags"] as const) {
    const record: unknown = options[field];
    if (record === undefined) continue;
    if (typeof record !== "object" || record === null || Object.values(record).some((v) => typeof v !== "string")) {
      throw invalidParameter(`${field} must be a record of strings.`);
    }
  }
  if (options.registeredModelName !== undefined && (typeof options.registeredModelName !== "string" || options.registeredModelName === "")) {
    throw invalidParameter("registeredModelName must be a non-empty string.");
  }
  const example = options.inputExample === undefined ? undefined : saveInputExample(options.inputExample);
  return { onnxPath: source.files[0]!.path, name, ...(example ? { example } : {}) };
}

/** MLflow's utc_time_created: "YYYY-MM-DD HH:MM:SS.ffffff" in UTC. */
export function mlflowUtcTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** The MLmodel file of an ONNX logged model, as MLflow 3's mlflow.onnx.log_model writes it. */
export function onnxMlmodel(fields: { artifactUri: string; modelId: string; runId: string; createdMs: number; signature?: ModelSignature; example?: SavedInputExample }): string {
  const doc: { [key: string]: YamlValue | undefined } = {
    artifact_path: fields.artifactUri,
    flavors: {
      // onnx_version is omitted: MLflow records its onnx Python package's version, which a .onnx file does not hold.
      onnx: { code: null, data: ONNX_MODEL_FILE, providers: ["CPUExecutionProvider"] },
      python_function: { loader_module: "mlflow.onnx", data: ONNX_MODEL_FILE },
    },
    mlflow_version: MLFLOW_VERSION,
    model_id: fields.modelId,
    model_uuid: fields.modelId,
    run_id: fields.runId,
    utc_time_created: mlflowUtcTime(fields.createdMs),
    saved_input_example_info: fields.example?.info,
    signature: fields.signature ? { inputs: schemaJson(fields.signature.inputs), outputs: schemaJson(fields.signature.outputs), params: null } : undefined,
  };
  return toYaml(doc);
}

/**
 * Logs an ONNX model from a run as an MLflow 3 logged model: creates it PENDING, uploads
 * model.onnx (streamed), MLmodel and the input example, finalizes it READY (UPLOAD_FAILED on
 * an upload error, which is rethrown), links it as the run's output and optionally registers it.
 */
export async function logModel(deps: ModelLoggingDeps, run: { runId: string; experimentId: string }, options: LogModelOptions): Promise<LoggedModelResult> {
  const prepared = await prepare(deps.localFiles, options);
  const { model } = await deps.loggedModels.create({
    experiment_id: run.experimentId,
    name: prepared.name,
    source_run_id: run.runId,
    model_type: "onnx",
    params: pairs(options.params),
    tags: pairs(options.tags),
  });
  const { model_id: modelId, artifact_uri: artifactUri } = model.info;
  try {
    await deps.artifacts.putFile(artifactUri, ONNX_MODEL_FILE, deps.localFiles.read(prepared.onnxPath));
    if (prepared.example) {
      await deps.artifacts.putFile(artifactUri, prepared.example.info.artifact_path, prepared.example.example);
      await deps.artifacts.putFile(artifactUri, prepared.example.info.serving_input_path, prepared.example.servingInput);
    }
    // MLmodel last: a model directory with an MLmodel is complete.
    const mlmodel = onnxMlmodel({ artifactUri, modelId, runId: run.runId, createdMs: deps.now(), signature: options.signature, example: prepared.example });
    await deps.artifacts.putFile(artifactUri, "MLmodel", mlmodel);
  } catch (error) {
    try {
      await deps.loggedModels.finalize({ model_id: modelId, status: "LOGGED_MODEL_UPLOAD_FAILED" });
    } catch (finalizeError) {
      throw new AggregateError([error, finalizeError], `Uploading logged model ${modelId} failed and it could not be marked UPLOAD_FAILED; see .errors.`);
    }
    throw error;
  }
  await deps.loggedModels.finalize({ model_id: modelId, status: "LOGGED_MODEL_READY" });
  await deps.runs.logOutputs({ run_id: run.runId, models: [{ model_id: modelId, step: 0 }] });
  if (options.registeredModelName === undefined) return { modelId, artifactUri };
  const modelVersion = await deps.registry.registerModel(options.registeredModelName, `models:/${modelId}`, { modelId, runId: run.runId });
  return { modelId, artifactUri, modelVersion };
}

/** The error run.logModel throws on a client that cannot read local files. */
export function modelLoggingUnavailable(): CairnError {
  return new CairnError("NOT_IMPLEMENTED", `run.logModel needs the local file system: create the client with createNodeClient from "@cairn/sdk/node".`);
}
