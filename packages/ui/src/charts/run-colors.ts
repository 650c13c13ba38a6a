// Distinguishable on white and for the common colour-vision deficiencies (Okabe-Ito, then Tableau).
const PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf", "#1f3a93", "#9467bd"];

/** The colour of the i-th run, the same in every chart, plot and legend of a page. */
export function runColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
