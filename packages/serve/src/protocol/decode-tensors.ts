import { invalidParameter } from "@cairn/core";
import { Tensor } from "onnxruntime-node";
import type { TensorMetadata } from "../model/onnx-session.js";
import { describeValue, type ElementBuffer, type ElementKind } from "./element-types.js";

/** A tensor of the element kind over a filled buffer. */
export function makeTensor(element: ElementKind, buffer: ElementBuffer, dims: readonly number[]): Tensor {
  // onnxruntime's constructor overloads pair each type name with its array type; the kind guarantees the pairing.
  return new Tensor(element.type as "float32", buffer as Float32Array, dims);
}

/** The shape a model input takes, for messages: symbolic dimensions by name. */
export function describeShape(input: TensorMetadata): string {
  return `[${input.shape.join(", ")}]`;
}

/** The shape of a nested list, read along its first elements ([] for a scalar). */
export function nestedShape(value: unknown): number[] {
  const dims: number[] = [];
  let level = value;
  while (Array.isArray(level)) {
    dims.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return dims;
}

/** Checks a shape against the input's: same rank, fixed dimensions equal; names the tensor and both shapes. */
export function checkShape(dims: readonly number[], input: TensorMetadata, label: string): void {
  const expected = input.shape;
  const fits = dims.length === expected.length && expected.every((dim, i) => typeof dim !== "number" || dim === dims[i]);
  if (fits) return;
  const hint = dims.length + 1 === expected.length ? " Wrap a single row in a list: [[...]]." : "";
  throw invalidParameter(`Tensor '${label}' has shape [${dims.join(", ")}] but the model's input '${input.name}' takes ${input.type} ${describeShape(input)}.${hint}`);
}

/**
 * Builds a tensor from a nested list (row-major): infers the shape, checks it against the
 * input's and every element against its element type, naming the first bad element's position.
 */
export function tensorFromNested(value: unknown, input: TensorMetadata, element: ElementKind, label: string): Tensor {
  const dims = nestedShape(value);
  checkShape(dims, input, label);
  const size = dims.reduce((a, b) => a * b, 1);
  const buffer = element.allocate(size);
  let offset = 0;
  const fill = (level: unknown, depth: number, path: number[]): void => {
    if (depth === dims.length) {
      if (!element.store(buffer, offset, level)) {
        throw invalidParameter(`Tensor '${label}' element [${path.join(", ")}] must be ${element.expected}; got ${describeValue(level)}.`);
      }
      offset++;
      return;
    }
    if (!Array.isArray(level) || level.length !== dims[depth]) {
      throw invalidParameter(
        `Tensor '${label}' is ragged: the list at [${path.join(", ")}] ${Array.isArray(level) ? `has ${level.length} item(s)` : `is ${describeValue(level)}`} but its siblings have ${dims[depth]}; every row must have the same shape.`,
      );
    }
    for (let i = 0; i < level.length; i++) fill(level[i], depth + 1, [...path, i]);
  };
  fill(value, 0, []);
  return makeTensor(element, buffer, dims);
}

/** Builds a tensor from a flat list and an explicit shape (the Open Inference Protocol's layout). */
export function tensorFromFlat(data: unknown, dims: readonly number[], input: TensorMetadata, element: ElementKind, label: string): Tensor {
  checkShape(dims, input, label);
  const size = dims.reduce((a, b) => a * b, 1);
  const flat = Array.isArray(data) ? (data.some(Array.isArray) ? (data as unknown[]).flat(Infinity) : data) : undefined;
  if (!flat) throw invalidParameter(`Tensor '${label}' data must be a list of values; got ${describeValue(data)}.`);
  if (flat.length !== size) throw invalidParameter(`Tensor '${label}' has ${flat.length} value(s) but its shape [${dims.join(", ")}] holds ${size}.`);
  const buffer = element.allocate(size);
  for (let i = 0; i < size; i++) {
    if (!element.store(buffer, i, flat[i])) throw invalidParameter(`Tensor '${label}' value ${i} must be ${element.expected}; got ${describeValue(flat[i])}.`);
  }
  return makeTensor(element, buffer, dims);
}
