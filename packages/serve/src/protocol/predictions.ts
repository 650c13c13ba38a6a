import type { Tensor } from "onnxruntime-node";

type Elements = ArrayLike<number | bigint | string>;

/** One tensor element as JSON: non-finite floats become null (JSON has no NaN), int64 a number, bool a boolean. */
function elementValue(tensor: Tensor, data: Elements, index: number): unknown {
  const value = data[index]!;
  if (typeof value === "number") {
    if (tensor.type === "bool") return value !== 0;
    return Number.isFinite(value) ? value : null;
  }
  return typeof value === "bigint" ? Number(value) : value;
}

function nest(tensor: Tensor, data: Elements, dims: readonly number[], start: number): unknown {
  if (dims.length === 0) return elementValue(tensor, data, start);
  const [first, ...rest] = dims as [number, ...number[]];
  const stride = rest.reduce((a, b) => a * b, 1);
  const out = new Array<unknown>(first);
  for (let i = 0; i < first; i++) out[i] = nest(tensor, data, rest, start + i * stride);
  return out;
}

/** Per row: a value when each row has one element ([N] or [N, 1]), else the row's nested list; a tensor not batched by row stays whole. */
function outputRows(tensor: Tensor, rows: number): unknown[] | undefined {
  const dims = tensor.dims;
  if (dims.length === 0 || dims[0] !== rows) return undefined;
  const rest = dims.slice(1);
  const perRow = rest.reduce((a, b) => a * b, 1);
  const data = tensor.data as Elements;
  const out = new Array<unknown>(rows);
  for (let r = 0; r < rows; r++) out[r] = perRow === 1 ? elementValue(tensor, data, r) : nest(tensor, data, rest, r * perRow);
  return out;
}

/**
 * The `predictions` value MLflow's /invocations answers with: one output gives its values per row
 * ([N, 1] as N values, [N, K] as N lists); several outputs give one record per row,
 * {output_name: value}. Outputs that are not batched by row are returned whole, by name.
 */
export function predictionsValue(outputs: Record<string, Tensor>, names: readonly string[], rows: number): unknown {
  if (names.length === 1) {
    const tensor = outputs[names[0]!]!;
    return outputRows(tensor, rows) ?? nest(tensor, tensor.data as Elements, tensor.dims, 0);
  }
  const perOutput = names.map((name) => outputRows(outputs[name]!, rows));
  if (perOutput.some((values) => values === undefined)) {
    return Object.fromEntries(names.map((name) => [name, nest(outputs[name]!, outputs[name]!.data as Elements, outputs[name]!.dims, 0)]));
  }
  const records = new Array<Record<string, unknown>>(rows);
  for (let r = 0; r < rows; r++) {
    const record: Record<string, unknown> = {};
    names.forEach((name, i) => (record[name] = perOutput[i]![r]));
    records[r] = record;
  }
  return records;
}

/** The /invocations answer as JSON text; the common one-value-per-row float output is written without building a list first. */
export function predictionsJson(outputs: Record<string, Tensor>, names: readonly string[], rows: number): string {
  if (names.length === 1) {
    const tensor = outputs[names[0]!]!;
    const dims = tensor.dims;
    const data = tensor.data;
    if ((tensor.type === "float32" || tensor.type === "float64") && dims[0] === rows && (dims.length === 1 || (dims.length === 2 && dims[1] === 1))) {
      const values = data as Float32Array;
      let text = '{"predictions":[';
      for (let r = 0; r < rows; r++) {
        const value = values[r]!;
        // Number → string gives the shortest decimal that reads back as the same double, so a
        // float32 survives exactly.
        text += (r === 0 ? "" : ",") + (Number.isFinite(value) ? String(value) : "null");
      }
      return `${text}]}`;
    }
  }
  return `{"predictions":${JSON.stringify(predictionsValue(outputs, names, rows))}}`;
}
