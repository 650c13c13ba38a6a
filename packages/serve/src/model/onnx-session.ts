import { CairnError, invalidParameter } from "@cairn/core";
import { InferenceSession, Tensor } from "onnxruntime-node";
import type { OnnxModel, TensorData, TensorValue } from "../onnx-model.js";

/** An ONNX tensor element type as onnxruntime names it. */
export type ElementType = Tensor.Type;

/** One declared input or output: its name, element type and shape (a string is a symbolic dimension such as "N"). */
export interface TensorMetadata {
  readonly name: string;
  readonly type: ElementType;
  readonly shape: readonly (number | string)[];
}

/** An ONNX model opened for serving: OnnxModel plus the graph's typed metadata and a lean run on ready tensors. */
export interface ServingSession extends OnnxModel {
  readonly inputs: readonly TensorMetadata[];
  readonly outputs: readonly TensorMetadata[];
  /** Runs the graph on tensors the caller built and checked; onnxruntime errors become INVALID_PARAMETER_VALUE. */
  runTensors(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
}

// onnxruntime logs every failed run at error level on stderr; the caller gets the message in its
// answer, so only fatal errors are worth the server's log.
const FATAL_ONLY = 4;

/**
 * Opens an ONNX model for serving, like loadOnnxModel (one intra-op thread: replicas scale by
 * processes) but keeping the session's input and output metadata, which the request decoders need
 * to build tensors of the right element type and check shapes before anything reaches the model.
 */
export async function openServingSession(bytes: Uint8Array): Promise<ServingSession> {
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential", logSeverityLevel: FATAL_ONLY });
  } catch (error) {
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `The model is not a valid ONNX file (${bytes.length} bytes): ${messageOf(error)}. Re-export it with a current ONNX exporter and check that the file was not truncated.`,
      { cause: error },
    );
  }
  try {
    const inputs = tensorMetadata(session.inputMetadata, "input");
    const outputs = tensorMetadata(session.outputMetadata, "output");
    return makeSession(session, inputs, outputs);
  } catch (error) {
    await session.release();
    throw error;
  }
}

function makeSession(session: InferenceSession, inputs: TensorMetadata[], outputs: TensorMetadata[]): ServingSession {
  const runTensors = async (feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> => {
    try {
      return (await session.run(feeds)) as Record<string, Tensor>;
    } catch (error) {
      throw new CairnError("INVALID_PARAMETER_VALUE", `The model rejected its inputs: ${messageOf(error)}`, { cause: error });
    }
  };
  return {
    inputs,
    outputs,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    runTensors,
    async run(feeds: Record<string, TensorValue>): Promise<Record<string, TensorValue>> {
      const tensors: Record<string, Tensor> = {};
      for (const [name, value] of Object.entries(feeds)) tensors[name] = new Tensor(value.data, value.dims);
      const results = await runTensors(tensors);
      const out: Record<string, TensorValue> = {};
      for (const [name, tensor] of Object.entries(results)) out[name] = { data: tensor.data as TensorData, dims: [...tensor.dims] };
      return out;
    },
    close: () => session.release(),
  };
}

function tensorMetadata(values: readonly InferenceSession.ValueMetadata[], side: "input" | "output"): TensorMetadata[] {
  return values.map((value) => {
    if (!value.isTensor) {
      throw invalidParameter(
        `The model's ${side} '${value.name}' is not a tensor (a sequence or map, such as a ZipMap of class probabilities); Cairn needs tensor ${side}s. Re-export the model without the ZipMap (skl2onnx: options={"zipmap": False}).`,
      );
    }
    return { name: value.name, type: value.type, shape: value.shape.map((dim) => (typeof dim === "number" ? dim : String(dim))) };
  });
}

// onnxruntime's messages end with their own period and sometimes a newline; trim so ours reads as one sentence.
function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().replace(/\.+$/, "");
}
