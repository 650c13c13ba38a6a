/**
 * A bounded uniform sample by priority (bottom-k) sampling: every value gets a random key and the
 * sample keeps the k smallest keys. The union of two samples cut back to the k smallest keys is
 * exactly the sample of the union, so windows and replicas merge without bias. The keys are kept
 * as a max-heap (largest key at 0) so that a full sample rejects most values with one comparison.
 */

/** The default bound: enough for Mann–Whitney between variants, small enough to store per window. */
export const SAMPLE_SIZE = 500;

/** Moves slot i up the max-heap. */
function siftUp(values: number[], keys: number[], i: number): void {
  const key = keys[i]!;
  const value = values[i]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[parent]! >= key) break;
    keys[i] = keys[parent]!;
    values[i] = values[parent]!;
    i = parent;
  }
  keys[i] = key;
  values[i] = value;
}

/** Moves slot i down the max-heap. */
function siftDown(values: number[], keys: number[], i: number): void {
  const n = keys.length;
  const key = keys[i]!;
  const value = values[i]!;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && keys[right]! > keys[left]! ? right : left;
    if (keys[child]! <= key) break;
    keys[i] = keys[child]!;
    values[i] = values[child]!;
    i = child;
  }
  keys[i] = key;
  values[i] = value;
}

/** Offers value with key (uniform in [0, 1)) to a sample bounded by size, in place. */
export function offerSample(values: number[], keys: number[], value: number, key: number, size = SAMPLE_SIZE): void {
  if (keys.length < size) {
    values.push(value);
    keys.push(key);
    siftUp(values, keys, keys.length - 1);
    return;
  }
  if (size === 0 || key >= keys[0]!) return;
  keys[0] = key;
  values[0] = value;
  siftDown(values, keys, 0);
}

/** The bottom-size sample of the union of two samples. */
export function mergeSamples(
  a: { sample: readonly number[]; sample_keys: readonly number[] },
  b: { sample: readonly number[]; sample_keys: readonly number[] },
  size = SAMPLE_SIZE,
): { sample: number[]; sample_keys: number[] } {
  const total = a.sample_keys.length + b.sample_keys.length;
  const order = new Float64Array(total);
  const keys = [...a.sample_keys, ...b.sample_keys];
  const values = [...a.sample, ...b.sample];
  for (let i = 0; i < total; i++) order[i] = keys[i]!;
  order.sort();
  const keep = Math.min(size, total);
  // Keys are random doubles; equal keys at the cut are a measure-zero case and either pick is uniform.
  const cut = keep > 0 ? order[keep - 1]! : -Infinity;
  const sample: number[] = [];
  const sample_keys: number[] = [];
  for (let i = 0; i < total && sample.length < keep; i++) {
    if (keys[i]! <= cut) {
      sample.push(values[i]!);
      sample_keys.push(keys[i]!);
    }
  }
  // Rebuild the heap property over the kept slots.
  for (let i = (sample.length >> 1) - 1; i >= 0; i--) siftDown(sample, sample_keys, i);
  return { sample, sample_keys };
}
