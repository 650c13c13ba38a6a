import type { CategoricalProfile, NumericProfile } from "../profile/index.js";

/** Count vectors of reference and current over the same bins, for count-based methods. */
export interface AlignedCounts {
  reference: Float64Array;
  current: Float64Array;
  /** The bins' names (categories, or value ranges), for reports. */
  labels: string[];
}

/** Numeric bins with few values are used as they are; finer ones are merged to about this many of equal reference mass (Sturges for 1e6 rows is 21). */
const COUNT_BINS = 20;

/** Reference and current category counts over the union of their categories (reference order first). */
export function alignCategories(reference: CategoricalProfile, current: CategoricalProfile): AlignedCounts {
  const labels = [...reference.categories.keys()];
  for (const key of current.categories.keys()) if (!reference.categories.has(key)) labels.push(key);
  const ref = new Float64Array(labels.length);
  const cur = new Float64Array(labels.length);
  labels.forEach((label, i) => {
    ref[i] = reference.categories.get(label) ?? 0;
    cur[i] = current.categories.get(label) ?? 0;
  });
  return { reference: ref, current: cur, labels };
}

/** Reference and current counts on the reference's bins, merged to about COUNT_BINS of equal reference mass. */
export function alignNumeric(reference: NumericProfile, current: NumericProfile, edges: Float64Array): AlignedCounts {
  const slots = reference.histogram.length;
  if (slots <= COUNT_BINS + 2) return { reference: reference.histogram, current: current.histogram, labels: slotLabels(edges) };
  const groups = groupSlots(reference.histogram, COUNT_BINS);
  return { reference: sumGroups(reference.histogram, groups), current: sumGroups(current.histogram, groups), labels: groups.map(([a, b]) => rangeLabel(edges, a, b)) };
}

/** Consecutive slot ranges [from, to] holding about equal reference mass; underflow and overflow stay groups of their own. */
function groupSlots(histogram: Float64Array, groups: number): [number, number][] {
  const last = histogram.length - 1;
  let inner = 0;
  for (let i = 1; i < last; i++) inner += histogram[i]!;
  const out: [number, number][] = [[0, 0]];
  let from = 1;
  let run = 0;
  for (let i = 1; i < last; i++) {
    run += histogram[i]!;
    if (run >= (inner * out.length) / groups && i < last - 1) {
      out.push([from, i]);
      from = i + 1;
    }
  }
  if (from < last) out.push([from, last - 1]);
  out.push([last, last]);
  return out;
}

function sumGroups(histogram: Float64Array, groups: [number, number][]): Float64Array {
  const out = new Float64Array(groups.length);
  groups.forEach(([a, b], i) => {
    for (let j = a; j <= b; j++) out[i]! += histogram[j]!;
  });
  return out;
}

function slotLabels(edges: Float64Array): string[] {
  return Array.from({ length: edges.length + 1 }, (_, i) => rangeLabel(edges, i, i));
}

/** "[a, b)" for slots a..b; slot 0 is below the first edge, slot edges.length at or above the last. */
function rangeLabel(edges: Float64Array, from: number, to: number): string {
  const low = from === 0 ? "-inf" : fmt(edges[from - 1]!);
  const high = to >= edges.length ? "+inf" : fmt(edges[to]!);
  return `[${low}, ${high})`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
