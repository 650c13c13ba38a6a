import assert from "node:assert/strict";
import { test } from "node:test";
import { AUC_BINS, emptyScoreHistogram, histogramAuc, mergeScoreHistograms, scoreBin } from "./score-histogram.js";
import { seededRandom } from "./test-random.js";

/** Exact ROC AUC (Mann–Whitney U / (P·N), ties half) by sorting. */
function exactAuc(pos: number[], neg: number[]): number {
  const all = [...pos.map((s) => [s, 1] as const), ...neg.map((s) => [s, 0] as const)].sort((a, b) => a[0] - b[0]);
  let pairs = 0;
  let negBelow = 0;
  for (let i = 0; i < all.length; ) {
    let ones = 0;
    let zeros = 0;
    const v = all[i]![0];
    for (; i < all.length && all[i]![0] === v; i++) all[i]![1] === 1 ? ones++ : zeros++;
    pairs += ones * (negBelow + zeros / 2);
    negBelow += zeros;
  }
  return pairs / (pos.length * neg.length);
}

test("scoreBin maps [0, 1] onto AUC_BINS bins and rejects anything else", () => {
  assert.equal(scoreBin(0), 0);
  assert.equal(scoreBin(0.0009), 0);
  assert.equal(scoreBin(0.001), 1);
  assert.equal(scoreBin(0.5), 500);
  assert.equal(scoreBin(0.9999), AUC_BINS - 1);
  assert.equal(scoreBin(1), AUC_BINS - 1);
  for (const bad of [-0.01, 1.01, Number.NaN, 3.2]) {
    assert.throws(() => scoreBin(bad), (e: Error & { code?: string }) => e.code === "INVALID_PARAMETER_VALUE" && /between 0 and 1/.test(e.message));
  }
});

test("histogram AUC is within 0.002 of the exact AUC on 1e4 random scores", () => {
  const random = seededRandom(42);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    // Overlapping classes: positives lean high, negatives low.
    const positive = random() < 0.3;
    const s = positive ? Math.sqrt(random()) : random() ** 1.5;
    (positive ? pos : neg).push(s);
  }
  const hp = emptyScoreHistogram();
  const hn = emptyScoreHistogram();
  for (const s of pos) hp[scoreBin(s)]! += 1;
  for (const s of neg) hn[scoreBin(s)]! += 1;
  const exact = exactAuc(pos, neg);
  const approx = histogramAuc(hp, hn)!;
  assert.ok(exact > 0.7 && exact < 0.9, `exact ${exact}`);
  assert.ok(Math.abs(approx - exact) < 0.002, `histogram ${approx} vs exact ${exact}`);
});

test("histogram AUC: separated classes give 1 or 0, identical give 0.5, one class gives null", () => {
  const hp = emptyScoreHistogram();
  const hn = emptyScoreHistogram();
  hp[900] = 5;
  hn[100] = 7;
  assert.equal(histogramAuc(hp, hn), 1);
  assert.equal(histogramAuc(hn, hp), 0);
  assert.equal(histogramAuc(hp, hp), 0.5);
  assert.equal(histogramAuc(hp, emptyScoreHistogram()), null);
  assert.equal(histogramAuc([], []), null);
});

test("merging histograms adds bin by bin and treats [] as empty", () => {
  assert.deepEqual(mergeScoreHistograms([], [1, 2]), [1, 2]);
  assert.deepEqual(mergeScoreHistograms([1, 2], [3, 4]), [4, 6]);
  assert.throws(() => mergeScoreHistograms([1], [1, 2]), /1 and 2 bins/);
});
