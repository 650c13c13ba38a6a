import { invalidParameter } from "@cairn/core";
import type { TensorValue } from "../onnx-model.js";
import type { OutputColumn } from "./table-writer.js";

/** A model output laid out as output columns: one per element of a row's prediction. */
export interface PredictionColumn {
  column: OutputColumn;
  values: ArrayLike<unknown>;
}

function kindOf(name: string, data: unknown): OutputColumn["kind"] {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array || data instanceof Int8Array || data instanceof Uint8Array || data instanceof Int16Array || data instanceof Uint16Array) return "int32";
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return "int64";
  if (Array.isArray(data) && data.every((v) => typeof v === "string")) return "string";
  throw invalidParameter(`The model's output '${name}' is not a numeric or string tensor (a ZipMap or sequence?); re-export the model with plain tensor outputs (for skl2onnx: options={'zipmap': False}).`);
}

/**
 * Splits each named output of one run over `rows` rows into columns: an output of shape [rows] or
 * [rows, 1] is one column named after it; [rows, k] gives name_0 … name_{k-1}.
 */
export function predictionColumns(outputs: Record<string, TensorValue>, names: readonly string[], rows: number): PredictionColumn[] {
  return names.flatMap((name) => {
    const tensor = outputs[name]!;
    const kind = kindOf(name, tensor.data);
    if (tensor.dims.length === 0 || tensor.dims[0] !== rows) {
      throw invalidParameter(`The model's output '${name}' has shape [${tensor.dims.join(", ")}] for ${rows} input rows; batch scoring needs outputs whose first dimension is the row.`);
    }
    const width = tensor.dims.slice(1).reduce((product, dim) => product * dim, 1);
    const data = tensor.data as ArrayLike<unknown>;
    if (width === 1) return [{ column: { name, kind }, values: data }];
    return Array.from({ length: width }, (_, k) => ({ column: { name: `${name}_${k}`, kind }, values: strided(data, rows, width, k) }));
  });
}

function strided(data: ArrayLike<unknown>, rows: number, width: number, k: number): ArrayLike<unknown> {
  const out = ArrayBuffer.isView(data) ? new (data.constructor as new (n: number) => { [i: number]: unknown; length: number })(rows) : new Array<unknown>(rows);
  for (let i = 0; i < rows; i++) out[i] = data[i * width + k];
  return out;
}
