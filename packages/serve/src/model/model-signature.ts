import { invalidParameter } from "@cairn/core";

/** MLflow's column types (mlflow.types.DataType) that map onto tensor elements. */
export const COLUMN_TYPES = ["double", "float", "long", "integer", "boolean", "string", "binary", "datetime"] as const;

/** A column's type in a column-based signature. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One column of a column-based signature (MLflow ColSpec). */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** MLflow 2.8+ marks optional columns required: false; a missing optional float column becomes NaN. */
  readonly required: boolean;
}

/** One tensor of a tensor-based signature (MLflow TensorSpec); -1 marks a variable dimension. */
export interface SignatureTensor {
  readonly name?: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

/** A model's input signature as MLmodel declares it, or none. */
export type InputSignature =
  | { readonly kind: "columns"; readonly columns: readonly ColumnSpec[] }
  | { readonly kind: "tensors"; readonly tensors: readonly SignatureTensor[] }
  | { readonly kind: "none" };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Parses MLmodel's `signature.inputs`: a JSON string (as MLflow writes it) or an already-parsed
 * list, column-based `[{"type": "double", "name": "x"}]` or tensor-based
 * `[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]`.
 */
export function parseInputSignature(raw: unknown): InputSignature {
  if (raw === undefined || raw === null || raw === "") return { kind: "none" };
  let specs: unknown = raw;
  if (typeof raw === "string") {
    try {
      specs = JSON.parse(raw);
    } catch (error) {
      throw invalidParameter(`MLmodel signature.inputs is not valid JSON (${error instanceof Error ? error.message : String(error)}); re-log the model with a signature.`);
    }
  }
  if (!Array.isArray(specs) || specs.length === 0) throw invalidParameter("MLmodel signature.inputs must be a non-empty JSON list of column or tensor specs.");
  const tensors = specs.filter((spec) => isRecord(spec) && spec.type === "tensor").length;
  if (tensors === specs.length) return { kind: "tensors", tensors: specs.map(parseTensorSpec) };
  if (tensors > 0) throw invalidParameter("MLmodel signature.inputs mixes tensor and column specs; MLflow signatures are either column-based or tensor-based.");
  const columns = specs.map(parseColumnSpec);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) throw invalidParameter(`MLmodel signature.inputs names column '${column.name}' twice.`);
    seen.add(column.name);
  }
  return { kind: "columns", columns };
}

function parseColumnSpec(spec: unknown, index: number): ColumnSpec {
  if (!isRecord(spec)) throw invalidParameter(`MLmodel signature.inputs[${index}] must be an object such as {"type": "double", "name": "age"}.`);
  const { name, type, required } = spec;
  if (typeof name !== "string" || name === "") {
    throw invalidParameter(`MLmodel signature.inputs[${index}] has no column name; Cairn needs named columns (or a tensor-based signature).`);
  }
  if (!(COLUMN_TYPES as readonly unknown[]).includes(type)) {
    throw invalidParameter(`MLmodel signature column '${name}' has type ${JSON.stringify(type)}; Cairn supports ${COLUMN_TYPES.join(", ")}.`);
  }
  return { name, type: type as ColumnType, required: required !== false };
}

function parseTensorSpec(spec: unknown, index: number): SignatureTensor {
  const tensor = (spec as Record<string, unknown>)["tensor-spec"];
  if (!isRecord(tensor) || typeof tensor.dtype !== "string" || !Array.isArray(tensor.shape) || !tensor.shape.every((d) => Number.isInteger(d) && d >= -1)) {
    throw invalidParameter(`MLmodel signature.inputs[${index}] needs "tensor-spec": {"dtype": ..., "shape": [...]} with integer dimensions (-1 for variable).`);
  }
  const name = (spec as Record<string, unknown>).name;
  return { ...(typeof name === "string" && name !== "" ? { name } : {}), dtype: tensor.dtype, shape: tensor.shape as number[] };
}

/** How a signature reads in messages: `age (double), income (double)` or `input float32 [-1, 4]`. */
export function describeSignature(signature: InputSignature): string {
  if (signature.kind === "none") return "no signature";
  if (signature.kind === "columns") return signature.columns.map((c) => `'${c.name}' (${c.type})`).join(", ");
  return signature.tensors.map((t) => `${t.name ? `'${t.name}' ` : ""}${t.dtype} [${t.shape.join(", ")}]`).join(", ");
}
