import { invalidParameter } from "@cairn/core";
import type { Tensor } from "onnxruntime-node";
import type { TensorMetadata } from "../model/onnx-session.js";
import type { DecodedInputs } from "./decode-inputs.js";
import { makeTensor, tensorFromFlat } from "./decode-tensors.js";
import { describeValue, elementKind, elementKindOfOip, OIP_DATATYPES } from "./element-types.js";
import type { InputPlan } from "./input-plan.js";

/** One tensor of an Open Inference Protocol (KServe v2) request. */
export interface OipInput {
  name: string;
  shape: number[];
  datatype: string;
  data: unknown;
}

/** An OIP inference request, checked for its structure (not yet against a model). */
export interface OipRequest {
  id?: string;
  inputs: OipInput[];
  /** Requested output names; all outputs when absent. */
  outputs?: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Parses an OIP infer body; structural problems are INVALID_PARAMETER_VALUE naming the field. */
export function parseOipRequest(body: string | undefined): OipRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? "");
  } catch (error) {
    throw invalidParameter(`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!isRecord(parsed)) throw invalidParameter('The request body must be a JSON object {"inputs": [{"name", "shape", "datatype", "data"}, ...]}.');
  const { id, inputs, outputs } = parsed;
  if (id !== undefined && typeof id !== "string") throw invalidParameter(`'id' must be a string; got ${describeValue(id)}.`);
  if (!Array.isArray(inputs) || inputs.length === 0) throw invalidParameter(`'inputs' must be a non-empty list of tensors {"name", "shape", "datatype", "data"}; got ${describeValue(inputs)}.`);
  const checked = inputs.map((input, i): OipInput => {
    if (!isRecord(input) || typeof input.name !== "string" || input.name === "") throw invalidParameter(`inputs[${i}] must be an object with a non-empty 'name'.`);
    const where = `inputs[${i}] ('${input.name}')`;
    if (!Array.isArray(input.shape) || !input.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw invalidParameter(`${where}: 'shape' must be a list of non-negative integers; got ${describeValue(input.shape)}.`);
    }
    if (typeof input.datatype !== "string" || !elementKindOfOip(input.datatype)) {
      throw invalidParameter(`${where}: 'datatype' must be one of ${OIP_DATATYPES.join(", ")}; got ${describeValue(input.datatype)}.`);
    }
    if (!Array.isArray(input.data)) throw invalidParameter(`${where}: 'data' must be a list of values (flat, row-major); got ${describeValue(input.data)}.`);
    return { name: input.name, shape: input.shape as number[], datatype: input.datatype, data: input.data };
  });
  let names: string[] | undefined;
  if (outputs !== undefined) {
    if (!Array.isArray(outputs) || !outputs.every((o) => isRecord(o) && typeof o.name === "string")) {
      throw invalidParameter(`'outputs' must be a list of {"name": ...}; got ${describeValue(outputs)}.`);
    }
    names = outputs.map((o) => (o as { name: string }).name);
  }
  return { ...(id === undefined ? {} : { id }), inputs: checked, ...(names ? { outputs: names } : {}) };
}

/**
 * Decodes OIP tensors into the model's inputs: by the ONNX input names, or, for a column-based
 * signature, one tensor per column named like the columns ([N] or [N, 1] each).
 */
export function decodeOip(plan: InputPlan, modelInputs: readonly TensorMetadata[], request: OipRequest): DecodedInputs {
  const given = new Map(request.inputs.map((input) => [input.name, input]));
  const feeds: Record<string, Tensor> = {};
  const byInputName = modelInputs.every((input) => given.has(input.name));
  if (byInputName) {
    for (const meta of modelInputs) {
      const input = given.get(meta.name)!;
      const element = elementKind(meta.type)!;
      if (input.datatype !== element.oip) {
        throw invalidParameter(`Input '${meta.name}' has datatype ${input.datatype} but the model takes ${element.oip} (${meta.type}); send datatype ${element.oip}.`);
      }
      feeds[meta.name] = tensorFromFlat(input.data, input.shape, meta, element, meta.name);
    }
    const first = feeds[modelInputs[0]!.name]!;
    return { feeds, rows: first.dims.length > 0 ? first.dims[0]! : 1 };
  }
  if (plan.kind !== "tensors" && plan.columns.every((slot) => given.has(slot.spec.name))) return decodeOipColumns(plan, request, given);
  const expected = plan.kind === "tensors" ? modelInputs.map((m) => `'${m.name}' ${elementKind(m.type)?.oip} [${m.shape.join(", ")}]`) : plan.columns.map((s) => `'${s.spec.name}'`);
  const missing = plan.kind === "tensors" ? modelInputs.filter((m) => !given.has(m.name)).map((m) => `'${m.name}'`) : plan.columns.filter((s) => !given.has(s.spec.name)).map((s) => `'${s.spec.name}'`);
  throw invalidParameter(`The request has no input(s) ${missing.join(", ")}; the model takes ${expected.join(", ")} (sent: ${[...given.keys()].map((k) => `'${k}'`).join(", ")}).`);
}

function decodeOipColumns(plan: Exclude<InputPlan, { kind: "tensors" }>, request: OipRequest, given: Map<string, OipInput>): DecodedInputs {
  const columns = plan.columns.map((slot) => {
    const input = given.get(slot.spec.name)!;
    const data = (input.data as unknown[]).flat(Infinity);
    const rows = input.shape[0] ?? 0;
    if (input.shape.length > 2 || (input.shape.length === 2 && input.shape[1] !== 1) || data.length !== rows) {
      throw invalidParameter(`Column input '${slot.spec.name}' has shape [${input.shape.join(", ")}] with ${data.length} value(s); a column is [N] or [N, 1] with N values.`);
    }
    return { slot, data };
  });
  const rows = columns[0]!.data.length;
  const mismatch = columns.find((c) => c.data.length !== rows);
  if (mismatch) throw invalidParameter(`Column input '${mismatch.slot.spec.name}' has ${mismatch.data.length} value(s) but '${columns[0]!.slot.spec.name}' has ${rows}; every column needs one value per row.`);
  const feeds: Record<string, Tensor> = {};
  if (plan.kind === "packed") {
    const f = columns.length;
    const buffer = plan.element.allocate(rows * f);
    columns.forEach(({ slot, data }, c) => {
      for (let r = 0; r < rows; r++) {
        if (!slot.accepts(data[r]) || !plan.element.store(buffer, r * f + c, data[r])) throw badColumnValue(slot.spec.name, r, slot.expected, data[r]);
      }
    });
    feeds[plan.input.name] = makeTensor(plan.element, buffer, [rows, f]);
    return { feeds, rows };
  }
  plan.columns.forEach((slot, c) => {
    const data = columns[c]!.data;
    const buffer = slot.element.allocate(rows);
    for (let r = 0; r < rows; r++) {
      if (!slot.accepts(data[r]) || !slot.element.store(buffer, r, data[r])) throw badColumnValue(slot.spec.name, r, slot.expected, data[r]);
    }
    feeds[slot.input.name] = makeTensor(slot.element, buffer, slot.dims === "N" ? [rows] : [rows, 1]);
  });
  return { feeds, rows };
}

function badColumnValue(name: string, row: number, expected: string, value: unknown): Error {
  return invalidParameter(`Column input '${name}' value ${row} must be ${expected}; got ${describeValue(value)}.`);
}

/** The first value of the request's input named `key`, for sticky routing; undefined when there is none. */
export function oipFirstValue(request: OipRequest, key: string): string | undefined {
  const input = request.inputs.find((i) => i.name === key);
  const first = input ? (input.data as unknown[]).flat(Infinity)[0] : undefined;
  return typeof first === "string" ? first : typeof first === "number" || typeof first === "boolean" ? String(first) : undefined;
}

/** The request's tensors for the inference log, as the {"inputs": [...]} of the OIP request itself (parsed values, not copied). */
export function oipForLog(request: OipRequest): unknown {
  return { inputs: request.inputs };
}
