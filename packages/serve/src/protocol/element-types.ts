import type { ElementType } from "../model/onnx-session.js";

/** A typed buffer a tensor of one element type is built from (strings go in a plain array). */
export type ElementBuffer =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[];

/** What one element type accepts and how it is stored. */
export interface ElementKind {
  readonly type: ElementType;
  /** Open Inference Protocol datatype name (FP32, INT64, BOOL, BYTES, ...). */
  readonly oip: string;
  /** How the expected value reads in a message. */
  readonly expected: string;
  /** Allocates a buffer of n elements. */
  allocate(n: number): ElementBuffer;
  /** Stores value at index; false when the value does not fit this type (nothing is stored then). */
  store(buffer: ElementBuffer, index: number, value: unknown): boolean;
}

// Floats take JSON null as NaN: JSON has no NaN, and pandas reads a missing number as NaN too.
const storeFloat = (buffer: ElementBuffer, index: number, value: unknown): boolean => {
  if (typeof value === "number") (buffer as Float32Array)[index] = value;
  else if (value === null) (buffer as Float32Array)[index] = NaN;
  else return false;
  return true;
};

function integerKind(type: ElementType, oip: string, min: number, max: number, allocate: (n: number) => ElementBuffer): ElementKind {
  return {
    type,
    oip,
    expected: `an integer from ${min} to ${max} (${type})`,
    allocate,
    store(buffer, index, value) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) return false;
      (buffer as Int32Array)[index] = value;
      return true;
    },
  };
}

function bigIntegerKind(type: ElementType, oip: string, signed: boolean): ElementKind {
  return {
    type,
    oip,
    expected: signed ? "an integer (int64)" : "a non-negative integer (uint64)",
    allocate: (n) => (signed ? new BigInt64Array(n) : new BigUint64Array(n)),
    store(buffer, index, value) {
      if (typeof value !== "number" || !Number.isSafeInteger(value) || (!signed && value < 0)) return false;
      (buffer as BigInt64Array)[index] = BigInt(value);
      return true;
    },
  };
}

const KINDS: Partial<Record<ElementType, ElementKind>> = {
  float32: { type: "float32", oip: "FP32", expected: "a number (float32)", allocate: (n) => new Float32Array(n), store: storeFloat },
  float64: { type: "float64", oip: "FP64", expected: "a number (float64)", allocate: (n) => new Float64Array(n), store: storeFloat },
  int8: integerKind("int8", "INT8", -128, 127, (n) => new Int8Array(n)),
  uint8: integerKind("uint8", "UINT8", 0, 255, (n) => new Uint8Array(n)),
  int16: integerKind("int16", "INT16", -32768, 32767, (n) => new Int16Array(n)),
  uint16: integerKind("uint16", "UINT16", 0, 65535, (n) => new Uint16Array(n)),
  int32: integerKind("int32", "INT32", -2147483648, 2147483647, (n) => new Int32Array(n)),
  uint32: integerKind("uint32", "UINT32", 0, 4294967295, (n) => new Uint32Array(n)),
  int64: bigIntegerKind("int64", "INT64", true),
  uint64: bigIntegerKind("uint64", "UINT64", false),
  bool: {
    type: "bool",
    oip: "BOOL",
    expected: "a boolean",
    allocate: (n) => new Uint8Array(n),
    store(buffer, index, value) {
      if (typeof value !== "boolean") return false;
      (buffer as Uint8Array)[index] = value ? 1 : 0;
      return true;
    },
  },
  string: {
    type: "string",
    oip: "BYTES",
    expected: "a string",
    allocate: (n) => new Array<string>(n),
    store(buffer, index, value) {
      if (typeof value !== "string") return false;
      (buffer as string[])[index] = value;
      return true;
    },
  },
};

/** The element kind of an ONNX element type, or undefined when cairn serve cannot feed it (float16, int4...). */
export function elementKind(type: ElementType): ElementKind | undefined {
  return KINDS[type];
}

/** The element kind of an Open Inference Protocol datatype name, or undefined. */
export function elementKindOfOip(datatype: string): ElementKind | undefined {
  return Object.values(KINDS).find((kind) => kind.oip === datatype);
}

/** Every OIP datatype cairn serve accepts, for messages. */
export const OIP_DATATYPES = Object.values(KINDS).map((kind) => kind.oip);

/** A value as it reads in an error message: short, with its JSON type. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  const type = value === null ? "null" : Array.isArray(value) ? "list" : typeof value;
  return `${shown} (${type})`;
}
