import { CairnError, invalidParameter } from "@cairn/core";
import { InferenceSession, Tensor } from "onnxruntime-node";

/** Tensor element buffers the loader accepts and returns; the array type selects the ONNX element type. */
export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array;

/** A dense row-major tensor: its elements and its shape. */
export interface TensorValue {
  data: TensorData;
  dims: number[];
}

/** An ONNX model ready to run, with the names its graph declares. */
export interface OnnxModel {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Runs the graph once on the given named inputs and returns every declared output. */
  run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>>;
  /** Frees the native session; the model cannot run afterwards. */
  close(): Promise<void>;
}

/** Loads an ONNX model from its serialized bytes; a file onnxruntime cannot load is INVALID_PARAMETER_VALUE. */
export async function loadOnnxModel(bytes: Uint8Array): Promise<OnnxModel> {
  let session: InferenceSession;
  try {
    // One intra-op thread: serving replicas scale by processes, and on a 2-core machine a thread
    // pool per model would fight the server for the cores.
    session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" });
  } catch (error) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `The model is not a valid ONNX file (${bytes.length} bytes): ${messageOf(error)}. Re-export it with a current ONNX exporter and check that the file was not truncated.`,
      { cause: error },
    );
  }
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run: (feeds) => runSession(session, feeds),
    close: () => session.release(),
  };
}

async function runSession(session: InferenceSession, feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
  checkFeedNames(session.inputNames, Object.keys(feeds));
  const tensors: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(feeds)) tensors[name] = toTensor(name, value);
  let results: InferenceSession.OnnxValueMapType;
  try {
    results = await session.run(tensors);
  } catch (error) {
    // Names are checked above, so what onnxruntime rejects here is the feeds' types or shapes.
    throw new CairnError("INVALID_PARAMETER_VALUE", `The model rejected its inputs: ${messageOf(error)}`, { cause: error });
  }
  const outputs: Record<string, TensorValue> = {};
  for (const name of session.outputNames) {
    const tensor = results[name];
    if (!tensor) throw new CairnError("INTERNAL_ERROR", `onnxruntime returned no value for declared output '${name}'.`);
    outputs[name] = { data: tensor.data as TensorData, dims: [...tensor.dims] };
  }
  return outputs;
}

// onnxruntime's own message for a missing feed names only the first one; list them all, and catch
// extra names it would silently ignore (a typo there would otherwise look like a missing input).
function checkFeedNames(expected: readonly string[], given: string[]): void {
  const missing = expected.filter((name) => !given.includes(name));
  const unknown = given.filter((name) => !expected.includes(name));
  if (missing.length === 0 && unknown.length === 0) return;
  const parts = [
    missing.length > 0 ? `missing input(s) ${missing.map((n) => `'${n}'`).join(", ")}` : "",
    unknown.length > 0 ? `unknown input(s) ${unknown.map((n) => `'${n}'`).join(", ")}` : "",
  ].filter(Boolean);
  throw invalidParameter(`The model's inputs are ${expected.map((n) => `'${n}'`).join(", ")}; ${parts.join(" and ")}.`);
}

function toTensor(name: string, value: TensorValue): Tensor {
  const size = value.dims.reduce((product, dim) => product * dim, 1);
  if (value.dims.some((dim) => !Number.isInteger(dim) || dim < 0) || size !== value.data.length) {
    throw invalidParameter(`Input '${name}' has ${value.data.length} values but shape [${value.dims.join(", ")}]; the shape's product must equal the number of values.`);
  }
  return new Tensor(value.data, value.dims);
}

// onnxruntime's messages end with their own period and sometimes a newline; trim so ours reads as one sentence.
function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().replace(/\.+$/, "");
}
