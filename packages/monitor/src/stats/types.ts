/** The outcome of a drift statistic or a hypothesis test. */
export interface TestResult {
  /** The statistic (D for KS, W1/sigma for normed Wasserstein, JS distance, PSI, ...). */
  statistic: number;
  /** For hypothesis tests; undefined for distances. */
  p_value?: number;
}

/** The outcome of an A/B comparison of a control (A) and a candidate (B). */
export interface ABTestResult {
  /** The test statistic (z, Welch t, or U of B). */
  statistic: number;
  /** Two-sided p-value of "no difference". */
  p_value: number;
  /** B minus A (difference of proportions, of means, or the Hodges–Lehmann shift). */
  effect: number;
  /** Lower end of the confidence interval of the effect. */
  ci_low: number;
  /** Upper end of the confidence interval of the effect. */
  ci_high: number;
  /** The confidence level of [ci_low, ci_high], e.g. 0.95. */
  confidence: number;
  /** effect / |A's value|; undefined when A's value is 0 (no relative change can be stated). */
  relative_effect?: number;
}

/** Mann–Whitney's A/B result: the effect is a shift, with the probability that B beats A. */
export interface MannWhitneyResult extends ABTestResult {
  /** P(b > a) + ½·P(b = a) over all pairs, i.e. U of B / (nA·nB). */
  probability_superiority: number;
}
