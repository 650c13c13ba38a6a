import { invalidParameter } from "@cairn/core";

/** Tensor element types MLflow accepts in a tensor spec (numpy dtype names); "string" is written as numpy's "str". */
export const TENSOR_DTYPES = [
  "float16", "float32", "float64",
  "int8", "int16", "int32", "int64",
  "uint8", "uint16", "uint32", "uint64",
  "bool", "str", "string", "bytes", "object",
] as const;

/** A tensor element type. */
export type TensorDtype = (typeof TENSOR_DTYPES)[number];

/** One named (or positional) tensor of a model's inputs or outputs; -1 marks a variable dimension. */
export interface TensorSpec {
  name?: string;
  dtype: TensorDtype;
  shape: number[];
}

/** A model's tensor-based signature. */
export interface TensorSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

/** Column types MLflow accepts in a column-based signature (mlflow.types.DataType). */
export const COLUMN_TYPES = ["boolean", "integer", "long", "float", "double", "string", "binary", "datetime"] as const;

/** A column's type. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One named column of a column-based signature (MLflow ColSpec); required defaults to true. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
}

/** A model's signature: each side is a list of tensor specs or of column specs (MLflow allows either, not a mix). */
export interface ModelSignature {
  inputs: TensorSpec[] | ColumnSpec[];
  outputs: TensorSpec[] | ColumnSpec[];
}

/** True when a spec is a column spec (it has a type and no dtype). */
function isColumnSpec(spec: TensorSpec | ColumnSpec): spec is ColumnSpec {
  return typeof spec === "object" && spec !== null && "type" in spec && !("dtype" in spec);
}

/** Throws INVALID_PARAMETER_VALUE naming the first bad spec (unknown dtype or column type, shape not integers >= -1). */
export function validateSignature(signature: ModelSignature): void {
  for (const side of ["inputs", "outputs"] as const) {
    const specs: unknown = signature[side];
    if (!Array.isArray(specs)) throw invalidParameter(`signature.${side} must be an array of tensor specs or column specs; got ${typeof specs}.`);
    const columns = specs.filter((spec) => isColumnSpec(spec)).length;
    if (columns > 0) {
      if (columns !== specs.length) throw invalidParameter(`signature.${side} mixes column specs ({name, type}) and tensor specs ({dtype, shape}); MLflow allows one kind per side.`);
      validateColumns(specs as ColumnSpec[], side);
      continue;
    }
    specs.forEach((spec: TensorSpec, index) => {
      const where = `signature.${side}[${index}]${spec?.name ? ` ('${spec.name}')` : ""}`;
      if (typeof spec !== "object" || spec === null) throw invalidParameter(`${where} must be a tensor spec object.`);
      if (spec.name !== undefined && (typeof spec.name !== "string" || spec.name === "")) throw invalidParameter(`${where}: name must be a non-empty string.`);
      if (!(TENSOR_DTYPES as readonly string[]).includes(spec.dtype)) {
        throw invalidParameter(`${where}: unknown dtype '${String(spec.dtype)}'; use one of ${TENSOR_DTYPES.join(", ")}.`);
      }
      if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= -1)) {
        throw invalidParameter(`${where}: shape must be an array of integers (-1 for a variable dimension); got ${JSON.stringify(spec.shape)}.`);
      }
    });
    const named = (specs as TensorSpec[]).filter((s) => s.name !== undefined).length;
    if (named !== 0 && named !== specs.length) throw invalidParameter(`signature.${side}: name either all tensor specs or none, as MLflow requires.`);
  }
}

function validateColumns(specs: ColumnSpec[], side: string): void {
  const seen = new Set<string>();
  specs.forEach((spec, index) => {
    const where = `signature.${side}[${index}]`;
    if (typeof spec.name !== "string" || spec.name === "") throw invalidParameter(`${where}: a column spec needs a non-empty name.`);
    if (!(COLUMN_TYPES as readonly string[]).includes(spec.type)) {
      throw invalidParameter(`${where} ('${spec.name}'): unknown column type '${String(spec.type)}'; use one of ${COLUMN_TYPES.join(", ")}.`);
    }
    if (spec.required !== undefined && typeof spec.required !== "boolean") throw invalidParameter(`${where} ('${spec.name}'): required must be true or false.`);
    if (seen.has(spec.name)) throw invalidParameter(`${where}: column '${spec.name}' is named twice.`);
    seen.add(spec.name);
  });
}

/** MLflow's schema JSON for specs (Schema.to_json), byte for byte as Python's json.dumps writes it. */
export function schemaJson(specs: TensorSpec[] | ColumnSpec[]): string {
  if (specs.some((spec) => isColumnSpec(spec))) {
    // ColSpec.to_dict: type, name, required, in that order.
    return `[${(specs as ColumnSpec[]).map((c) => `{"type": ${JSON.stringify(c.type)}, "name": ${JSON.stringify(c.name)}, "required": ${c.required ?? true}}`).join(", ")}]`;
  }
  const items = (specs as TensorSpec[]).map((spec) => {
    const dtype = spec.dtype === "string" ? "str" : spec.dtype;
    const tensor = `"type": "tensor", "tensor-spec": {"dtype": ${JSON.stringify(dtype)}, "shape": [${spec.shape.join(", ")}]}`;
    return spec.name === undefined ? `{${tensor}}` : `{"name": ${JSON.stringify(spec.name)}, ${tensor}}`;
  });
  return `[${items.join(", ")}]`;
}

/** What an input example becomes in the model directory. */
export interface SavedInputExample {
  /** input_example.json: the example as given. */
  example: string;
  /** serving_input_example.json: the example as a scoring request ({"inputs": ...}). */
  servingInput: string;
  /** MLmodel's saved_input_example_info. */
  info: { artifact_path: string; serving_input_path: string; type: "ndarray" };
}

/** The file MLflow reads an input example from. */
export const INPUT_EXAMPLE_FILE = "input_example.json";
/** The file MLflow serving's example request is stored in. */
export const SERVING_INPUT_FILE = "serving_input_example.json";

/**
 * Checks and serializes an input example as MLflow 3 saves a numpy one: an array (one tensor)
 * or a record of arrays (named tensors), both of type "ndarray".
 */
export function saveInputExample(example: unknown): SavedInputExample {
  const isRecord = typeof example === "object" && example !== null && !Array.isArray(example);
  if (!Array.isArray(example) && !(isRecord && Object.values(example).every(Array.isArray))) {
    throw invalidParameter("inputExample must be an array (one tensor) or a record of arrays (named tensors).");
  }
  let text: string;
  try {
    text = JSON.stringify(example);
  } catch (error) {
    throw invalidParameter(`inputExample is not JSON-serializable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (isRecord && Object.keys(example).length === 0) throw invalidParameter("inputExample must not be an empty record.");
  return {
    example: text,
    servingInput: JSON.stringify({ inputs: example }, null, 2),
    info: { artifact_path: INPUT_EXAMPLE_FILE, serving_input_path: SERVING_INPUT_FILE, type: "ndarray" },
  };
}
