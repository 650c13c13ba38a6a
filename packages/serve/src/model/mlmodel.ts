import { invalidParameter } from "@cairn/core";
import { parse } from "yaml";
import { parseInputSignature, type InputSignature } from "./model-signature.js";

/** What cairn serve needs from an MLmodel file. */
export interface MlmodelInfo {
  /** The flavors the package declares, in file order. */
  flavors: string[];
  /** The onnx flavor's model file, relative to the package directory. */
  onnxFile: string;
  signature: InputSignature;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads an MLmodel file's text: picks the onnx flavor and its `data` file and parses the input
 * signature. A package without an onnx flavor is INVALID_PARAMETER_VALUE naming the flavors found.
 */
export function readMlmodel(text: string, where: string): MlmodelInfo {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw invalidParameter(`The MLmodel file of ${where} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(doc) || !isRecord(doc.flavors) || Object.keys(doc.flavors).length === 0) {
    throw invalidParameter(`The MLmodel file of ${where} declares no flavors; log the model with an onnx flavor (run.logModel or mlflow.onnx.log_model).`);
  }
  const flavors = Object.keys(doc.flavors);
  const onnx = doc.flavors.onnx;
  if (onnx === undefined) {
    throw invalidParameter(`flavor(s) ${flavors.join(", ")} are not supported by Cairn (serve, predict and export); only onnx is. ${where} must be logged as an ONNX model (convert it with skl2onnx, tf2onnx or torch.onnx, then log it with mlflow.onnx.log_model or run.logModel).`);
  }
  const data = isRecord(onnx) ? onnx.data : undefined;
  if (typeof data !== "string" || data === "" || data.split(/[\\/]/).includes("..")) {
    throw invalidParameter(`The onnx flavor in the MLmodel file of ${where} has no usable data file (got ${JSON.stringify(data)}); it must name the .onnx file inside the package, e.g. data: model.onnx.`);
  }
  const signature = isRecord(doc.signature) ? doc.signature.inputs : undefined;
  try {
    return { flavors, onnxFile: data, signature: parseInputSignature(signature) };
  } catch (error) {
    if (error instanceof Error) error.message = `${where}: ${error.message}`;
    throw error;
  }
}
