/**
 * Priority sampling: every row draws a key uniform in [0, 1) and the k rows with the largest keys
 * are kept. The kept set is a uniform sample without replacement, and the k largest keys of a
 * union are the k largest of the parts' k largest, so merging window samples is exact.
 */
import { CairnError, type MonitorFeature } from "@cairn/core";
import type { Sample } from "./types.js";

/** Rejects a capacity that is not a positive integer. */
export function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `reservoir size must be a positive integer, got ${capacity}`);
  }
}

/** A sample with no rows, with a column per numeric feature. */
export function emptySample(capacity: number, features: readonly MonitorFeature[]): Sample {
  checkCapacity(capacity);
  const columns: Record<string, Float64Array> = {};
  for (const f of features) if (f.kind === "numeric") columns[f.name] = new Float64Array(0);
  return { capacity, keys: new Float64Array(0), columns };
}

/** The number of rows a sample holds. */
export function sampleSize(sample: Sample): number {
  return sample.keys.length;
}

/**
 * The k largest keys of both samples, k = the smaller capacity (a full sample of capacity c
 * says nothing about its rows below its c-th key, so a larger k would not be uniform). Columns
 * present in only one side are NaN for the other side's rows.
 */
export function mergeSamples(a: Sample, b: Sample): Sample {
  const capacity = Math.min(a.capacity, b.capacity);
  const ia = descendingOrder(a.keys);
  const ib = descendingOrder(b.keys);
  const size = Math.min(capacity, ia.length + ib.length);
  // Each picked row: >= 0 is a row of a, < 0 is row (-r - 1) of b.
  const picks = new Int32Array(size);
  const keys = new Float64Array(size);
  let x = 0;
  let y = 0;
  for (let i = 0; i < size; i++) {
    if (y >= ib.length || (x < ia.length && a.keys[ia[x]!]! >= b.keys[ib[y]!]!)) {
      picks[i] = ia[x]!;
      keys[i] = a.keys[ia[x++]!]!;
    } else {
      picks[i] = -ib[y]! - 1;
      keys[i] = b.keys[ib[y++]!]!;
    }
  }
  const columns: Record<string, Float64Array> = {};
  const names = new Set([...Object.keys(a.columns), ...Object.keys(b.columns)]);
  for (const name of names) {
    const ca = a.columns[name];
    const cb = b.columns[name];
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const p = picks[i]!;
      out[i] = p >= 0 ? (ca ? ca[p]! : NaN) : cb ? cb[-p - 1]! : NaN;
    }
    columns[name] = out;
  }
  return { capacity, keys, columns };
}

/** Row indices by descending key (identity when already descending, which our samples are). */
function descendingOrder(keys: Float64Array): Int32Array {
  const n = keys.length;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && keys[i]! > keys[i - 1]!) sorted = false;
  }
  if (!sorted) order.sort((p, q) => keys[q]! - keys[p]!);
  return order;
}

/**
 * The k-largest-keys reservoir while rows stream in: a min-heap of slots by key. offer() says
 * which slot the caller writes the row's values into (or -1: the row is not kept).
 */
export class Reservoir {
  readonly capacity: number;
  size = 0;
  keys: Float64Array;
  /** One array per sampled column, indexed by slot. */
  columns: Float64Array[];
  private heap: Int32Array;

  /** A reservoir for `columnCount` columns; arrays grow on demand up to capacity. */
  constructor(capacity: number, columnCount: number) {
    checkCapacity(capacity);
    this.capacity = capacity;
    const initial = Math.min(capacity, 256);
    this.keys = new Float64Array(initial);
    this.heap = new Int32Array(initial);
    this.columns = Array.from({ length: columnCount }, () => new Float64Array(initial));
  }

  /** Offers a row with the given key: returns its slot, or -1 when the key is too small. */
  offer(key: number): number {
    if (this.size < this.capacity) {
      if (this.size === this.keys.length) this.grow();
      const slot = this.size++;
      this.keys[slot] = key;
      this.siftUp(slot, slot);
      return slot;
    }
    const top = this.heap[0]!;
    if (!(key > this.keys[top]!)) return -1;
    this.keys[top] = key;
    this.siftDown(top);
    return top;
  }

  /** The reservoir as a Sample, rows in descending key order. */
  toSample(names: readonly string[]): Sample {
    const n = this.size;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const keys = this.keys;
    order.sort((p, q) => keys[q]! - keys[p]!);
    const outKeys = new Float64Array(n);
    for (let i = 0; i < n; i++) outKeys[i] = keys[order[i]!]!;
    const columns: Record<string, Float64Array> = {};
    names.forEach((name, c) => {
      const src = this.columns[c]!;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i]!]!;
      columns[name] = out;
    });
    return { capacity: this.capacity, keys: outKeys, columns };
  }

  private grow(): void {
    const length = Math.min(this.capacity, this.keys.length * 2);
    const resize = (a: Float64Array): Float64Array => {
      const b = new Float64Array(length);
      b.set(a);
      return b;
    };
    this.keys = resize(this.keys);
    this.columns = this.columns.map(resize);
    const heap = new Int32Array(length);
    heap.set(this.heap);
    this.heap = heap;
  }

  /** Inserts slot at heap position pos and restores the heap upwards. */
  private siftUp(pos: number, slot: number): void {
    const heap = this.heap;
    const key = this.keys[slot]!;
    while (pos > 0) {
      const parent = (pos - 1) >>> 1;
      const p = heap[parent]!;
      if (this.keys[p]! <= key) break;
      heap[pos] = p;
      pos = parent;
    }
    heap[pos] = slot;
  }

  /** The root slot got a larger key: move it down. */
  private siftDown(slot: number): void {
    const heap = this.heap;
    const keys = this.keys;
    const n = this.size;
    const key = keys[slot]!;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[heap[child + 1]!]! < keys[heap[child]!]!) child++;
      if (keys[heap[child]!]! >= key) break;
      heap[pos] = heap[child]!;
      pos = child;
    }
    heap[pos] = slot;
  }
}
