// Order statistics of the n·m pairwise differences y_j − x_i without materialising them: bisection
// on the value, counting pairs at or below it with one two-pointer pass (O(n + m) per step), then
// an explicit selection among the few differences left in the final bracket. Exact for any size.

const bits = new Float64Array(1);
const ints = new BigInt64Array(bits.buffer);
const SIGN = -(2n ** 63n);

/** An integer key whose order is the numeric order of doubles (−0 and +0 share key 0). */
function keyOf(v: number): bigint {
  bits[0] = v;
  const b = ints[0]!;
  return b >= 0n ? b : -(b ^ SIGN);
}

function valueOf(key: bigint): number {
  ints[0] = key >= 0n ? key : -key | SIGN;
  return bits[0]!;
}

/** #pairs with fl(y_j − x_i) ≤ t; both arrays ascending, so the qualifying i form a growing suffix. */
function countAtMost(x: Float64Array, y: Float64Array, t: number): number {
  const n = x.length;
  let p = 0;
  let count = 0;
  for (let j = 0; j < y.length; j++) {
    const yj = y[j]!;
    while (p < n && yj - x[p]! > t) p++;
    count += n - p;
  }
  return count;
}

/** The differences d with lo < d ≤ hi, in no particular order. */
function differencesBetween(x: Float64Array, y: Float64Array, lo: number, hi: number, size: number): Float64Array {
  const out = new Float64Array(size);
  const n = x.length;
  let k = 0;
  let pHi = 0; // first i with y_j − x_i ≤ hi
  let pLo = 0; // first i with y_j − x_i ≤ lo
  for (let j = 0; j < y.length; j++) {
    const yj = y[j]!;
    while (pHi < n && yj - x[pHi]! > hi) pHi++;
    if (pLo < pHi) pLo = pHi;
    while (pLo < n && yj - x[pLo]! > lo) pLo++;
    for (let i = pHi; i < pLo; i++) out[k++] = yj - x[i]!;
  }
  return out.subarray(0, k);
}

/** The k-th smallest (1-based) of the differences y_j − x_i, for ascending x and y and 1 ≤ k ≤ n·m. */
export function kthPairwiseDifference(x: Float64Array, y: Float64Array, k: number): number {
  const total = x.length * y.length;
  const cap = Math.max(x.length + y.length, 4096);
  let hi = y[y.length - 1]! - x[0]!;
  let cHi = total;
  let kLo = keyOf(y[0]! - x[x.length - 1]!) - 1n; // just below the smallest difference
  let lo = valueOf(kLo);
  let cLo = 0;
  let kHi = keyOf(hi);
  // Halve the value range while that shrinks the bracket's pair count; when a step leaves the count
  // unchanged (a cluster of equal differences, or an answer near 0 approached one binade at a time)
  // halve the key range once, which bounds the search by about 64 such steps.
  let byKey = false;
  while (cHi - cLo > cap && kHi - kLo > 1n) {
    let kMid: bigint;
    let mid: number;
    const valueMid = lo + (hi - lo) / 2;
    if (!byKey && valueMid > lo && valueMid < hi) {
      mid = valueMid;
      kMid = keyOf(mid);
    } else {
      kMid = (kLo + kHi) / 2n;
      mid = valueOf(kMid);
    }
    const before = cHi - cLo;
    const c = countAtMost(x, y, mid);
    if (c >= k) {
      hi = mid;
      kHi = kMid;
      cHi = c;
    } else {
      lo = mid;
      kLo = kMid;
      cLo = c;
    }
    byKey = !byKey && cHi - cLo === before;
  }
  // Adjacent keys: every difference in (lo, hi] equals hi.
  if (kHi - kLo <= 1n) return hi;
  const candidates = differencesBetween(x, y, lo, hi, cHi - cLo).sort();
  return candidates[k - cLo - 1]!;
}
