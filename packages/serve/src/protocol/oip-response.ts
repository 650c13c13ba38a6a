import { invalidParameter } from "@cairn/core";
import type { Tensor } from "onnxruntime-node";
import type { TensorMetadata } from "../model/onnx-session.js";
import { elementKind } from "./element-types.js";

/** The output names an OIP request asked for (all when it named none); an unknown name is INVALID_PARAMETER_VALUE. */
export function selectOutputs(requested: readonly string[] | undefined, available: readonly string[]): readonly string[] {
  if (requested === undefined || requested.length === 0) return available;
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw invalidParameter(`The model has no output(s) ${unknown.map((n) => `'${n}'`).join(", ")}; its outputs are ${available.map((n) => `'${n}'`).join(", ")}.`);
  }
  return requested;
}

function flatData(tensor: Tensor): string {
  const data = tensor.data as ArrayLike<number | bigint | string>;
  const parts = new Array<string>(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (typeof value === "number") parts[i] = tensor.type === "bool" ? String(value !== 0) : Number.isFinite(value) ? String(value) : "null";
    else parts[i] = typeof value === "bigint" ? value.toString() : JSON.stringify(value);
  }
  return `[${parts.join(",")}]`;
}

/** An OIP inference response as JSON text: {model_name, model_version, id, outputs: [{name, datatype, shape, data}]}. */
export function oipResponseJson(model: { name: string; version: string }, id: string, outputs: Record<string, Tensor>, names: readonly string[]): string {
  const tensors = names.map((name) => {
    const tensor = outputs[name]!;
    const datatype = elementKind(tensor.type)?.oip ?? tensor.type.toUpperCase();
    return `{"name":${JSON.stringify(name)},"datatype":"${datatype}","shape":[${tensor.dims.join(",")}],"data":${flatData(tensor)}}`;
  });
  return `{"model_name":${JSON.stringify(model.name)},"model_version":${JSON.stringify(model.version)},"id":${JSON.stringify(id)},"outputs":[${tensors.join(",")}]}`;
}

function tensorMetadataJson(meta: TensorMetadata): { name: string; datatype: string; shape: number[] } {
  return { name: meta.name, datatype: elementKind(meta.type)?.oip ?? meta.type.toUpperCase(), shape: meta.shape.map((dim) => (typeof dim === "number" ? dim : -1)) };
}

/** OIP model metadata: {name, versions, platform, inputs, outputs}; variable dimensions are -1. */
export function oipModelMetadata(name: string, versions: readonly string[], inputs: readonly TensorMetadata[], outputs: readonly TensorMetadata[]): object {
  return { name, versions: [...versions], platform: "onnxruntime_onnx", inputs: inputs.map(tensorMetadataJson), outputs: outputs.map(tensorMetadataJson) };
}
