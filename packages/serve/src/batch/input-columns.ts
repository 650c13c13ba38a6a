import { invalidParameter } from "@cairn/core";
import type { InputSignature } from "../model/model-signature.js";

/** What decides which input-file columns feed the model, in which order. */
export interface InputColumnsQuery {
  /** The model's MLmodel input signature. */
  signature: InputSignature;
  /** The model input's declared shape as onnxruntime reports it (a string is a symbolic dimension), when known. */
  inputShape?: readonly (number | string)[];
  /** --columns: the caller's explicit list, in model order. */
  explicit?: readonly string[];
  /** The input file's columns, in file order. */
  fileColumns: readonly string[];
  /** --keep-columns: copied to the output, so not features unless named explicitly or by the signature. */
  keep?: readonly string[];
}

const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(", ");

/**
 * Chooses the feature columns: --columns when given, else a column-based signature's names, else
 * (a tensor signature or none) the file's columns in order, but only when their number is the
 * model's feature count — first all of them, then all but the kept ones; otherwise the caller
 * must say with --columns. Anything ambiguous or contradictory is INVALID_PARAMETER_VALUE.
 */
export function resolveInputColumns(query: InputColumnsQuery): string[] {
  const width = featureCount(query);
  const { signature, explicit } = query;
  if (explicit && explicit.length > 0) {
    const duplicate = explicit.find((name, i) => explicit.indexOf(name) !== i);
    if (duplicate !== undefined) throw invalidParameter(`--columns names '${duplicate}' twice; list each input column once, in the model's order.`);
    if (signature.kind === "columns" && explicit.length !== signature.columns.length) {
      throw invalidParameter(`--columns lists ${explicit.length} columns but the model's signature has ${signature.columns.length} (${quoted(signature.columns.map((c) => c.name))}); give one file column per signature column, in that order.`);
    }
    if (width !== undefined && explicit.length !== width) {
      throw invalidParameter(`--columns lists ${explicit.length} columns but the model takes ${width} input features; list exactly ${width}, in the model's order.`);
    }
    return [...explicit];
  }
  if (signature.kind === "columns") return signature.columns.map((c) => c.name);
  const keep = new Set(query.keep ?? []);
  const all = [...query.fileColumns];
  const withoutKept = all.filter((name) => !keep.has(name));
  if (width === undefined) {
    // No count to check against: the features are whatever is not kept, and onnxruntime rejects a wrong width.
    return withoutKept;
  }
  if (all.length === width) return all;
  if (withoutKept.length === width) return withoutKept;
  throw invalidParameter(
    `The model takes ${width} input features and its signature does not name them, but the input has ${all.length} columns (${quoted(all.slice(0, 20))}${all.length > 20 ? ", ..." : ""})${keep.size > 0 ? `, ${withoutKept.length} without the kept ones` : ""}; pass --columns with the ${width} feature columns in the model's order.`,
  );
}

/** The number of features per row the model takes, from the signature's tensor or the ONNX input shape, when either fixes it. */
function featureCount(query: InputColumnsQuery): number | undefined {
  const { signature, inputShape } = query;
  if (signature.kind === "tensors") {
    if (signature.tensors.length !== 1) {
      throw invalidParameter(`Batch scoring feeds one [rows, features] tensor, but the model's signature has ${signature.tensors.length} input tensors.`);
    }
    const shape = signature.tensors[0]!.shape;
    if (shape.length !== 2) throw invalidParameter(`Batch scoring needs a [rows, features] input; the model's signature declares shape [${shape.join(", ")}].`);
    if (shape[1]! > 0) return shape[1];
  }
  if (inputShape) {
    if (inputShape.length !== 2) throw invalidParameter(`Batch scoring needs a model whose input is a [rows, features] tensor; this one's is [${inputShape.join(", ")}].`);
    const last = inputShape[1];
    if (typeof last === "number" && last > 0) return last;
  }
  return undefined;
}
