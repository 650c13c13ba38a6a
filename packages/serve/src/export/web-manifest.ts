import { invalidParameter } from "@cairn/core";
import type { InputSignature } from "../model/model-signature.js";

/** One graph input or output as onnxruntime reports it; symbolic or unknown dimensions are -1. */
export interface OnnxValueInfo {
  name: string;
  /** onnxruntime's element type name: float32, int64, ... */
  type: string;
  shape: number[];
}

/** A model's declared inputs and outputs. */
export interface OnnxInterface {
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

/** Column types a numeric feature column may have (MLflow's DataType names). */
const NUMERIC_COLUMN_TYPES = ["double", "float", "long", "integer", "boolean"];

/** Input element types predict.js can build from JavaScript numbers. */
export const WEB_INPUT_TYPES = ["float32", "float64", "int32", "int64"] as const;

/** The bundle's manifest.json: what predict.js needs to feed the model, and where it came from. */
export interface WebBundleManifest {
  format: "cairn-web-bundle";
  format_version: 1;
  model: { name: string; version: string };
  model_file: string;
  /** The one input tensor, [rows, features]; -1 marks a dimension fixed only at run time. */
  input: { name: string; type: (typeof WEB_INPUT_TYPES)[number]; shape: number[] };
  outputs: { name: string; type: string; shape: number[] }[];
  /** Column names, in input order, that rows given as records are read by; null when the signature has none. */
  feature_names: string[] | null;
  onnxruntime_web: { version: string; files: string[] };
}

/** What the manifest is built from. */
export interface WebManifestSource {
  modelName: string;
  version: string;
  model: OnnxInterface;
  signature?: InputSignature;
  /** Overrides the signature's feature names (a tensor-based signature has none). */
  featureNames?: string[];
  ortVersion: string;
  ortFiles: string[];
}

/**
 * Checks the model fits a web bundle (one numeric [rows, features] input, tensor outputs) and
 * writes its manifest; what does not fit is INVALID_PARAMETER_VALUE saying what would.
 */
export function webManifest(source: WebManifestSource): WebBundleManifest {
  for (const [field, value] of [["modelName", source.modelName], ["version", source.version]] as const) {
    if (typeof value !== "string" || value.trim() === "") throw invalidParameter(`${field} must be a non-empty string.`);
  }
  const input = singleInput(source.model.inputs);
  if (source.featureNames !== undefined && (!Array.isArray(source.featureNames) || source.featureNames.some((n) => typeof n !== "string" || n.trim() === ""))) {
    throw invalidParameter("Feature names must be non-empty strings, one per input column.");
  }
  const featureNames = source.featureNames ?? signatureFeatureNames(source.signature) ?? null;
  const width = featureWidth(input, source.signature, featureNames);
  return {
    format: "cairn-web-bundle",
    format_version: 1,
    model: { name: source.modelName, version: source.version },
    model_file: "model.onnx",
    input: { name: input.name, type: input.type as (typeof WEB_INPUT_TYPES)[number], shape: [input.shape[0]!, width] },
    outputs: source.model.outputs.map(({ name, type, shape }) => ({ name, type, shape })),
    feature_names: featureNames,
    onnxruntime_web: { version: source.ortVersion, files: source.ortFiles },
  };
}

function singleInput(inputs: OnnxValueInfo[]): OnnxValueInfo {
  if (inputs.length !== 1) {
    throw invalidParameter(
      `A web bundle feeds one [rows, features] tensor, but the model has ${inputs.length} inputs (${inputs.map((i) => `'${i.name}'`).join(", ")}); re-export it with the features concatenated into one input.`,
    );
  }
  const input = inputs[0]!;
  if (!(WEB_INPUT_TYPES as readonly string[]).includes(input.type)) {
    throw invalidParameter(`Input '${input.name}' has element type ${input.type}; a web bundle feeds numbers as one of ${WEB_INPUT_TYPES.join(", ")}.`);
  }
  if (input.shape.length !== 2) {
    throw invalidParameter(`Input '${input.name}' has shape [${input.shape.join(", ")}]; a web bundle feeds a rank-2 [rows, features] tensor.`);
  }
  return input;
}

/**
 * The feature column names a column-based signature gives, in order; undefined for a tensor-based
 * signature or none. A column of a non-numeric type is INVALID_PARAMETER_VALUE.
 */
export function signatureFeatureNames(signature: InputSignature | undefined): string[] | undefined {
  if (signature?.kind !== "columns") return undefined;
  return signature.columns.map((column) => {
    if (!NUMERIC_COLUMN_TYPES.includes(column.type)) {
      throw invalidParameter(`Signature input column '${column.name}' has type '${column.type}'; a web bundle feeds numbers, so columns must be one of ${NUMERIC_COLUMN_TYPES.join(", ")}.`);
    }
    return column.name;
  });
}

// The graph's own width wins; a signature or the feature names fill it in when the graph leaves
// it symbolic, and must agree with it when both say.
function featureWidth(input: OnnxValueInfo, signature: InputSignature | undefined, featureNames: string[] | null): number {
  const graphWidth = input.shape[1]!;
  const signatureWidth = signature?.kind === "tensors" && signature.tensors.length === 1 ? signature.tensors[0]!.shape[1] : undefined;
  const candidates: [string, number][] = [["the ONNX graph", graphWidth]];
  if (typeof signatureWidth === "number" && signatureWidth >= 0) candidates.push(["the signature", signatureWidth]);
  if (featureNames) candidates.push([`the ${featureNames.length} feature names`, featureNames.length]);
  const known = candidates.filter(([, width]) => width >= 0);
  const disagree = known.find(([, width]) => width !== known[0]![1]);
  if (disagree) {
    throw invalidParameter(`Input '${input.name}' takes ${known[0]![1]} features according to ${known[0]![0]}, but ${disagree[1]} according to ${disagree[0]}; give one feature name per input column.`);
  }
  if (featureNames && new Set(featureNames).size !== featureNames.length) throw invalidParameter(`Feature names must be unique; got ${featureNames.join(", ")}.`);
  return known[0]?.[1] ?? -1;
}
