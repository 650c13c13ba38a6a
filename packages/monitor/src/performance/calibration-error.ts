/**
 * Expected calibration error over equal-count bins, as NannyML's needs_calibration measures it:
 * sort by probability, cut into `bins` runs of ⌊n/bins⌋ rows (the last takes the remainder), and sum
 * (rows/n)·|mean p − mean y| over the runs.
 */

/**
 * ECE of probabilities whose rows are split by label: pos holds the probabilities of the rows
 * labelled 1 and neg those labelled 0, each sorted ascending. A run of equal probabilities that
 * straddles a bin edge is shared out in proportion (rather than in an arbitrary tie order), so the
 * figure does not depend on how a sort broke ties. Null below 4 rows (fewer than 2 bins of 2).
 */
export function expectedCalibrationError(pos: Float64Array, neg: Float64Array, bins = 10): number | null {
  const n = pos.length + neg.length;
  let binCount = bins;
  if (n <= 2 * binCount) binCount = Math.floor(n / 2);
  if (binCount < 2) return null;
  const width = Math.floor(n / binCount);
  const lastEdge = Math.floor(n / width) * width;
  let bin = 0;
  let binEnd = width === lastEdge ? n : width;
  let position = 0;
  let sumP = 0;
  let sumY = 0;
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < pos.length || j < neg.length) {
    // The next run of equal probabilities across both sorted arrays.
    const v = i < pos.length && (j >= neg.length || pos[i]! <= neg[j]!) ? pos[i]! : neg[j]!;
    let ones = 0;
    let zeros = 0;
    while (i < pos.length && pos[i] === v) {
      ones++;
      i++;
    }
    while (j < neg.length && neg[j] === v) {
      zeros++;
      j++;
    }
    let left = ones + zeros;
    const share = ones / left;
    while (left > 0) {
      const take = Math.min(left, binEnd - position);
      sumP += v * take;
      sumY += share * take;
      position += take;
      left -= take;
      if (position === binEnd) {
        total += Math.abs(sumP - sumY);
        sumP = 0;
        sumY = 0;
        bin++;
        const next = (bin + 1) * width;
        binEnd = next >= lastEdge ? n : next;
      }
    }
  }
  return total / n;
}
