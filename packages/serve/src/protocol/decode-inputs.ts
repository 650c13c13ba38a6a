import { invalidParameter } from "@cairn/core";
import type { Tensor } from "onnxruntime-node";
import type { CellKind } from "./csv-table.js";
import { describeValue, type ElementBuffer, type ElementKind } from "./element-types.js";
import { describeShape, makeTensor, tensorFromNested } from "./decode-tensors.js";
import type { ColumnSlot, InputPlan, TensorInput } from "./input-plan.js";
import type { Payload } from "./scoring-payload.js";
import { columnarView, positionalView, recordsView, splitView, type TableView } from "./table-views.js";

/** A request decoded into one model's input tensors. */
export interface DecodedInputs {
  readonly feeds: Record<string, Tensor>;
  /** Rows in the batch (the first dimension), for shaping the predictions. */
  readonly rows: number;
  /**
   * For dataframe_split on a packed plan: a long-lived copy of the request's column list, equal
   * to it, so a log record can hold it instead of the request's own strings.
   */
  readonly columns?: readonly string[];
}

type PackedPlan = Extract<InputPlan, { kind: "packed" }>;
type ColumnsPlan = Extract<InputPlan, { kind: "columns" }>;
type TensorsPlan = Extract<InputPlan, { kind: "tensors" }>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Decodes a payload into the plan's tensors, checking it against the signature; nothing reaches the model on a mismatch. */
export function decodePayload(plan: InputPlan, payload: Payload): DecodedInputs {
  if (plan.kind === "packed" && payload.form === "dataframe_split") return decodePackedSplit(plan, payload.columns, payload.data);
  if (plan.kind === "tensors") return decodeTensors(plan, payload);
  const view = tableView(payload, plan.columns.length);
  return plan.kind === "packed" ? decodePackedView(plan, view) : decodeColumnsView(plan, view);
}

function tableView(payload: Payload, width: number): TableView {
  switch (payload.form) {
    case "dataframe_split":
      return splitView(payload.columns, payload.data, false);
    case "csv":
      return splitView(payload.columns, payload.data, true);
    case "dataframe_records":
      return recordsView(payload.records, "dataframe_records");
    default: {
      const { value, form } = payload;
      if (isRecord(value)) return columnarView(value, form);
      if (Array.isArray(value) && value.length > 0 && isRecord(value[0])) return recordsView(value, form);
      if (Array.isArray(value) && value.every(Array.isArray)) return positionalView(value, width, form);
      throw invalidParameter(
        `'${form}' must be a list of rows (lists of values in signature order, or objects keyed by column) or an object of columns; got ${describeValue(value)}.`,
      );
    }
  }
}

/** The per-request cache of where each signature column sits in the columns a client sends. */
interface ColumnIndexCache {
  columns: readonly string[];
  index: Int32Array;
}
const indexCaches = new WeakMap<PackedPlan, ColumnIndexCache>();

// Clients send the same column list on every request: compare it with the last one instead of
// looking every name up again.
function columnIndex(plan: PackedPlan, columns: unknown): ColumnIndexCache {
  let cache = indexCaches.get(plan);
  if (cache && Array.isArray(columns) && sameList(cache.columns, columns)) return cache;
  const view = splitView(columns, [], false);
  const index = new Int32Array(plan.columns.length);
  plan.columns.forEach((slot, i) => {
    const at = (columns as string[]).indexOf(slot.spec.name);
    if (at < 0 && !missingAllowed(slot)) throw missingColumn(slot, plan.columns, view);
    index[i] = at;
  });
  cache = { columns: [...(columns as string[])], index };
  indexCaches.set(plan, cache);
  return cache;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The hot path: dataframe_split rows straight into the [N, F] buffer, columns in signature order. */
function decodePackedSplit(plan: PackedPlan, columns: unknown, data: unknown): DecodedInputs {
  const cache = columnIndex(plan, columns);
  const index = cache.index;
  if (!Array.isArray(data)) throw invalidParameter(`dataframe_split.data must be a list of rows, each a list of values; got ${describeValue(data)}.`);
  const width = (columns as unknown[]).length;
  const rows = data.length;
  const f = plan.columns.length;
  const buffer = plan.element.allocate(rows * f);
  for (let r = 0; r < rows; r++) {
    const row = data[r];
    if (!Array.isArray(row) || row.length !== width) {
      throw invalidParameter(`dataframe_split.data row ${r} ${Array.isArray(row) ? `has ${row.length} value(s)` : `is ${describeValue(row)}`} but columns lists ${width}; every row needs one value per column.`);
    }
    const offset = r * f;
    if (plan.allFloat) {
      const out = buffer as Float32Array;
      for (let c = 0; c < f; c++) {
        const at = index[c]!;
        const value = at < 0 ? null : row[at];
        if (typeof value === "number") out[offset + c] = value;
        else if (value === null) out[offset + c] = NaN;
        else throw badValue(plan.columns[c]!, r, value);
      }
    } else {
      for (let c = 0; c < f; c++) {
        const at = index[c]!;
        storeChecked(plan.columns[c]!, plan.element, buffer, offset + c, at < 0 ? null : row[at], r);
      }
    }
  }
  return { feeds: { [plan.input.name]: packedTensor(plan, buffer, rows) }, rows, columns: cache.columns };
}

function decodePackedView(plan: PackedPlan, view: TableView): DecodedInputs {
  const readers = plan.columns.map((slot, i) => readerFor(slot, i, plan.element, plan.columns, view));
  const f = plan.columns.length;
  const buffer = plan.element.allocate(view.rows * f);
  for (let r = 0; r < view.rows; r++) {
    for (let c = 0; c < f; c++) storeChecked(plan.columns[c]!, plan.element, buffer, r * f + c, readers[c]!(r), r);
  }
  return { feeds: { [plan.input.name]: packedTensor(plan, buffer, view.rows) }, rows: view.rows };
}

function decodeColumnsView(plan: ColumnsPlan, view: TableView): DecodedInputs {
  const feeds: Record<string, Tensor> = {};
  plan.columns.forEach((slot, i) => {
    const read = readerFor(slot, i, slot.element, plan.columns, view);
    const buffer = slot.element.allocate(view.rows);
    for (let r = 0; r < view.rows; r++) storeChecked(slot, slot.element, buffer, r, read(r), r);
    feeds[slot.input.name] = makeTensor(slot.element, buffer, slot.dims === "N" ? [view.rows] : [view.rows, 1]);
  });
  return { feeds, rows: view.rows };
}

function decodeTensors(plan: TensorsPlan, payload: Payload): DecodedInputs {
  const only = plan.inputs.length === 1 ? plan.inputs[0]! : undefined;
  if (payload.form === "instances" || payload.form === "inputs") {
    const { value, form } = payload;
    if (isRecord(value)) return namedTensors(plan, value, form);
    if (Array.isArray(value) && value.length > 0 && isRecord(value[0])) return namedTensors(plan, stackInstances(value, form), form);
    if (!only) throw invalidParameter(`The model has ${plan.inputs.length} inputs (${names(plan.inputs)}); send '${form}' as an object of named tensors.`);
    return withRows({ [only.input.name]: tensorFromNested(value, only.input, only.element, only.input.name) });
  }
  // Tabular data for a tensor model: one [N, F] input takes the columns by position (as MLflow's
  // DataFrame.to_numpy does), several inputs take the columns named like them.
  if (only && only.input.shape.length === 2) return decodePackedView(positionalPlan(only, payload), tableView(payload, 0));
  const view = tableView(payload, 0);
  const missing = plan.inputs.filter((t) => view.column(t.input.name, 0, "number") === undefined);
  if (missing.length > 0 || plan.inputs.some((t) => t.input.shape.length > 2)) {
    throw invalidParameter(
      `The model's inputs are ${names(plan.inputs)}; tabular data needs one column per input${missing.length > 0 ? ` and has none for ${names(missing)}` : ""}. Send 'inputs' as an object of named tensors instead.`,
    );
  }
  const columns = plan.inputs.map((t) => ({ ...tensorSlot(t.input.name, t.element), input: t.input, element: t.element, dims: t.input.shape.length === 1 ? ("N" as const) : ("N1" as const) }));
  return decodeColumnsView({ kind: "columns", columns }, view);
}

function namedTensors(plan: TensorsPlan, value: Record<string, unknown>, form: string): DecodedInputs {
  const missing = plan.inputs.filter((t) => value[t.input.name] === undefined);
  if (missing.length > 0) {
    throw invalidParameter(`'${form}' has no tensor for the model's input(s) ${names(missing)}; the model takes ${names(plan.inputs)} (sent: ${Object.keys(value).map((k) => `'${k}'`).join(", ") || "none"}).`);
  }
  const feeds: Record<string, Tensor> = {};
  for (const t of plan.inputs) feeds[t.input.name] = tensorFromNested(value[t.input.name], t.input, t.element, t.input.name);
  return withRows(feeds);
}

// TF-serving style rows of named tensors: [{"a": [..], "b": [..]}, ...] → {"a": [[..], ...], ...}.
function stackInstances(rows: unknown[], form: string): Record<string, unknown> {
  const stacked: Record<string, unknown[]> = {};
  rows.forEach((row, r) => {
    if (!isRecord(row)) throw invalidParameter(`${form}[${r}] must be an object of input names to values, like the first row; got ${describeValue(row)}.`);
    for (const [name, value] of Object.entries(row)) (stacked[name] ??= []).push(value);
  });
  return stacked;
}

function withRows(feeds: Record<string, Tensor>): DecodedInputs {
  const first = Object.values(feeds)[0];
  return { feeds, rows: first && first.dims.length > 0 ? first.dims[0]! : 1 };
}

const positionalPlans = new WeakMap<TensorInput, { key: string; plan: PackedPlan }>();

function positionalPlan(only: TensorInput, payload: Payload): PackedPlan {
  const sent = payload.form === "dataframe_split" || payload.form === "csv" ? payload.columns : undefined;
  const names = Array.isArray(sent) ? sent.map(String) : tableView(payload, 0).names ?? [];
  const width = only.input.shape[1];
  if (typeof width === "number" && names.length !== width) {
    throw invalidParameter(`The request has ${names.length} column(s) but the model's input '${only.input.name}' takes ${only.input.type} ${describeShape(only.input)}; send ${width} columns, in the model's feature order.`);
  }
  const key = names.join("\u0000");
  const cached = positionalPlans.get(only);
  if (cached && cached.key === key) return cached.plan;
  const plan: PackedPlan = {
    kind: "packed",
    input: only.input,
    element: only.element,
    columns: names.map((name) => tensorSlot(name, only.element)),
    allFloat: only.element.type === "float32" || only.element.type === "float64",
  };
  positionalPlans.set(only, { key, plan });
  return plan;
}

function tensorSlot(name: string, element: ElementKind): ColumnSlot {
  const probe = element.allocate(1);
  return { spec: { name, type: "double", required: true }, accepts: (value) => element.store(probe, 0, value), expected: element.expected };
}

function readerFor(slot: ColumnSlot, position: number, element: ElementKind, all: readonly ColumnSlot[], view: TableView): (row: number) => unknown {
  const reader = view.column(slot.spec.name, position, cellKind(element));
  if (reader) return reader;
  if (missingAllowed(slot)) return () => null;
  throw missingColumn(slot, all, view);
}

function cellKind(element: ElementKind): CellKind {
  return element.type === "string" ? "string" : element.type === "bool" ? "boolean" : "number";
}

// An optional float column may be left out: it becomes NaN, as a missing pandas value does.
function missingAllowed(slot: ColumnSlot): boolean {
  return !slot.spec.required && (slot.spec.type === "double" || slot.spec.type === "float");
}

function storeChecked(slot: ColumnSlot, element: ElementKind, buffer: ElementBuffer, index: number, value: unknown, row: number): void {
  if (value === undefined) throw invalidParameter(`Row ${row} has no value for column '${slot.spec.name}'; every row needs ${slot.expected}.`);
  if (!slot.accepts(value) || !element.store(buffer, index, value)) throw badValue(slot, row, value);
}

function badValue(slot: ColumnSlot, row: number, value: unknown): Error {
  return invalidParameter(`Column '${slot.spec.name}' at row ${row} must be ${slot.expected}; got ${describeValue(value)}.`);
}

function missingColumn(slot: ColumnSlot, all: readonly ColumnSlot[], view: TableView): Error {
  const sent = view.names === null ? "" : ` (sent: ${view.names.map((n) => `'${n}'`).join(", ") || "none"})`;
  return invalidParameter(`The request has no column '${slot.spec.name}' in ${view.source}${sent}; the model needs ${all.map((s) => `'${s.spec.name}' (${s.spec.type})`).join(", ")}.`);
}

function packedTensor(plan: PackedPlan, buffer: ElementBuffer, rows: number): Tensor {
  return makeTensor(plan.element, buffer, [rows, plan.columns.length]);
}

function names(inputs: readonly TensorInput[]): string {
  return inputs.map((t) => `'${t.input.name}' ${t.input.type} ${describeShape(t.input)}`).join(", ");
}
