import { invalidParameter } from "@cairn/core";
import type { ColumnSpec, InputSignature } from "../model/model-signature.js";
import type { TensorMetadata } from "../model/onnx-session.js";
import { elementKind, type ElementKind } from "./element-types.js";

/** One signature column and the check its values must pass (its MLflow type, not just the tensor's). */
export interface ColumnSlot {
  readonly spec: ColumnSpec;
  /** Accepts a JSON value for this column (null only for float columns, as NaN). */
  readonly accepts: (value: unknown) => boolean;
  /** What a value must be, for messages. */
  readonly expected: string;
}

/** A per-column input: one signature column feeding one model input of shape [N] or [N, 1]. */
export interface ColumnInput extends ColumnSlot {
  readonly input: TensorMetadata;
  readonly element: ElementKind;
  readonly dims: "N" | "N1";
}

/** A model input fed from tensor-shaped request data. */
export interface TensorInput {
  readonly input: TensorMetadata;
  readonly element: ElementKind;
}

/**
 * How a request's data becomes one model's input tensors, worked out once per model so the
 * request path only indexes arrays:
 * - packed: column-based signature, one [N, F] input; columns go in signature order.
 * - columns: column-based signature, one input per column, matched by name.
 * - tensors: tensor-based signature or none; request tensors go to inputs by name (or to the only input).
 */
export type InputPlan =
  | { readonly kind: "packed"; readonly input: TensorMetadata; readonly element: ElementKind; readonly columns: readonly ColumnSlot[]; readonly allFloat: boolean }
  | { readonly kind: "columns"; readonly columns: readonly ColumnInput[] }
  | { readonly kind: "tensors"; readonly inputs: readonly TensorInput[] };

const isNumber = (v: unknown) => typeof v === "number" || v === null;
const isInteger = (v: unknown) => typeof v === "number" && Number.isInteger(v);
const COLUMN_CHECKS: Record<string, { accepts: (v: unknown) => boolean; expected: string; numeric: boolean }> = {
  double: { accepts: isNumber, expected: "a number", numeric: true },
  float: { accepts: isNumber, expected: "a number", numeric: true },
  long: { accepts: isInteger, expected: "an integer", numeric: true },
  integer: { accepts: isInteger, expected: "an integer", numeric: true },
  boolean: { accepts: (v) => typeof v === "boolean", expected: "true or false", numeric: false },
  string: { accepts: (v) => typeof v === "string", expected: "a string", numeric: false },
  binary: { accepts: (v) => typeof v === "string", expected: "a (base64) string", numeric: false },
  datetime: { accepts: (v) => typeof v === "string", expected: "a datetime string", numeric: false },
};

/** Builds a model's input plan from its signature and its ONNX inputs; a mismatch is INVALID_PARAMETER_VALUE at load time. */
export function compileInputPlan(signature: InputSignature, inputs: readonly TensorMetadata[], where: string): InputPlan {
  for (const input of inputs) requireElement(input, where);
  if (signature.kind !== "columns") return { kind: "tensors", inputs: inputs.map((input) => ({ input, element: requireElement(input, where) })) };
  const columns = signature.columns;
  const only = inputs.length === 1 ? inputs[0]! : undefined;
  if (only && only.shape.length === 2) return packedPlan(columns, only, where);
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const named = columns.every((column) => byName.has(column.name)) && inputs.length === columns.length;
  if (named || (only && only.shape.length === 1 && columns.length === 1)) {
    return { kind: "columns", columns: columns.map((spec) => columnInput(spec, byName.get(spec.name) ?? only!, where)) };
  }
  const described = inputs.map((i) => `'${i.name}' ${i.type} [${i.shape.join(", ")}]`).join(", ");
  throw invalidParameter(
    `${where}: its signature has ${columns.length} column(s) (${columns.map((c) => `'${c.name}'`).join(", ")}) but the ONNX graph takes ${described}; ` +
      "cairn serve maps columns onto one [N, F] input, or onto one input per column named like the columns.",
  );
}

function packedPlan(columns: readonly ColumnSpec[], input: TensorMetadata, where: string): InputPlan {
  const width = input.shape[1];
  if (typeof width === "number" && width !== columns.length) {
    throw invalidParameter(`${where}: its signature has ${columns.length} column(s) but the model's input '${input.name}' takes [${input.shape.join(", ")}]; the counts must match.`);
  }
  const element = requireElement(input, where);
  const slots = columns.map((spec) => columnSlot(spec, element, input, where));
  const allFloat = (element.type === "float32" || element.type === "float64") && columns.every((c) => c.type === "double" || c.type === "float");
  return { kind: "packed", input, element, columns: slots, allFloat };
}

function columnInput(spec: ColumnSpec, input: TensorMetadata, where: string): ColumnInput {
  const rank = input.shape.length;
  if (rank === 0 || rank > 2 || (rank === 2 && input.shape[1] !== 1)) {
    throw invalidParameter(`${where}: column '${spec.name}' feeds input '${input.name}' of shape [${input.shape.join(", ")}]; a per-column input must be [N] or [N, 1].`);
  }
  const element = requireElement(input, where);
  return { ...columnSlot(spec, element, input, where), input, element, dims: rank === 1 ? "N" : "N1" };
}

function columnSlot(spec: ColumnSpec, element: ElementKind, input: TensorMetadata, where: string): ColumnSlot {
  const check = COLUMN_CHECKS[spec.type]!;
  const numericTarget = element.type !== "string" && element.type !== "bool";
  const fits = numericTarget ? check.numeric : element.type === "bool" ? spec.type === "boolean" : !check.numeric && spec.type !== "boolean";
  if (!fits) {
    throw invalidParameter(`${where}: column '${spec.name}' is ${spec.type} but the model's input '${input.name}' holds ${element.type}; fix the signature or the model.`);
  }
  // An integer column into a float tensor still requires integers (MLflow's schema enforcement);
  // a float column into an integer tensor would lose data, so it is refused at load above only by
  // type, and by value here.
  const integral = !check.numeric || spec.type === "long" || spec.type === "integer" || element.type.startsWith("int") || element.type.startsWith("uint");
  const accepts = integral && check.numeric ? isInteger : check.accepts;
  const expected = `${integral && check.numeric ? "an integer" : check.expected} (${spec.type})`;
  return { spec, accepts, expected };
}

function requireElement(input: TensorMetadata, where: string): ElementKind {
  const kind = elementKind(input.type);
  if (!kind) throw invalidParameter(`${where}: the model's input '${input.name}' holds ${input.type} elements, which cairn serve cannot build from JSON.`);
  return kind;
}

/** The plan's signature columns in order (empty for tensor plans). */
export function planColumns(plan: InputPlan): readonly ColumnSlot[] {
  return plan.kind === "tensors" ? [] : plan.columns;
}
