import type { MonitorConfig } from "@cairn/core";
import { emptyModelStats, latencyQuantile, mergeModelStats, type VariantStats } from "../performance/index.js";
import { abVerdict, mannWhitneyU, twoProportionTest, welchTTest, type ABTestResult } from "../stats/index.js";
import type { MonitorWindow } from "../window/monitor-window.js";
import type { AbReport, Figures, VariantComparison } from "./report-types.js";

// A/B verdicts compare the two variants with the most traffic: A is the control (the lower model
// version, as a deployment's incumbent usually is), B the candidate.

const correct = (v: VariantStats) => (v.classification ? v.classification.confusion.reduce((s, row, i) => s + (row[i] ?? 0), 0) : 0);
const labeledOf = (v: VariantStats) => v.classification?.n ?? v.regression?.n ?? 0;
const byVersion = (a: string, b: string) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b));

function variantFigures(v: VariantStats): Figures {
  const figures: Figures = {
    events: v.events,
    error_rate: v.events > 0 ? v.errors / v.events : null,
    mean_latency_ms: v.latency.n > 0 ? v.latency.mean : null,
    p50_latency_ms: latencyQuantile(v, 0.5),
    p99_latency_ms: latencyQuantile(v, 0.99),
    mean_prediction: v.prediction.n > 0 ? v.prediction.mean : null,
    positive_rate: v.events > 0 && v.positive > 0 ? v.positive / v.events : null,
  };
  if (v.classification && v.classification.n > 0) figures["accuracy"] = correct(v) / v.classification.n;
  if (v.regression && v.regression.n > 0) figures["mae"] = v.regression.sum_abs_err / v.regression.n;
  return figures;
}

interface Candidate {
  metric: string;
  test: VariantComparison["test"];
  higher_is_better: boolean;
  unit: "points" | "ms" | "";
  run: () => ABTestResult | undefined;
  value: (v: VariantStats) => number | null;
}

/** The comparisons the data allows: error rate and accuracy as rates, MAE as means, latency by ranks. */
function candidates(a: VariantStats, b: VariantStats): Candidate[] {
  const out: Candidate[] = [];
  if (a.events > 0 && b.events > 0) {
    out.push({ metric: "error rate", test: "two_proportion_z", higher_is_better: false, unit: "points", value: (v) => (v.events > 0 ? v.errors / v.events : null), run: () => twoProportionTest({ successesA: a.errors, nA: a.events, successesB: b.errors, nB: b.events }) });
  }
  if ((a.classification?.n ?? 0) > 0 && (b.classification?.n ?? 0) > 0) {
    out.push({ metric: "accuracy", test: "two_proportion_z", higher_is_better: true, unit: "points", value: (v) => (v.classification?.n ? correct(v) / v.classification.n : null), run: () => twoProportionTest({ successesA: correct(a), nA: a.classification!.n, successesB: correct(b), nB: b.classification!.n }) });
  }
  const ra = a.regression;
  const rb = b.regression;
  if (ra && rb && ra.n > 1 && rb.n > 1) {
    // |error| has mean sum_abs/n and variance E[e²] − E[|e|]², both mergeable.
    const summary = (r: NonNullable<VariantStats["regression"]>) => {
      const mean = r.sum_abs_err / r.n;
      return { n: r.n, mean, variance: Math.max(0, ((r.sum_sq_err / r.n - mean * mean) * r.n) / (r.n - 1)) };
    };
    const sa = summary(ra);
    const sb = summary(rb);
    out.push({ metric: "mean absolute error", test: "welch_t", higher_is_better: false, unit: "", value: (v) => (v.regression?.n ? v.regression.sum_abs_err / v.regression.n : null), run: () => welchTTest({ nA: sa.n, meanA: sa.mean, varA: sa.variance, nB: sb.n, meanB: sb.mean, varB: sb.variance }) });
  }
  if (a.latency.sample.length > 1 && b.latency.sample.length > 1) {
    out.push({ metric: "latency", test: "mann_whitney_u", higher_is_better: false, unit: "ms", value: (v) => latencyQuantile(v, 0.5), run: () => mannWhitneyU(Float64Array.from(a.latency.sample), Float64Array.from(b.latency.sample)) });
  }
  return out;
}

/** Per-variant figures over a range and a verdict for each comparison the data allows. */
export function abReport(config: MonitorConfig, windows: readonly MonitorWindow[]): AbReport {
  let model = emptyModelStats(config.task);
  for (const w of windows) model = mergeModelStats(model, w.model);
  const names = Object.keys(model.variants).sort(byVersion);
  const variants = names.map((name) => {
    const v = model.variants[name]!;
    return { variant: name, events: v.events, labeled: labeledOf(v), figures: variantFigures(v) };
  });
  if (names.length < 2) {
    return { variants, comparisons: [], summary: [names.length === 0 ? "No traffic in this range." : `Only one variant (${names[0]}) served in this range; an A/B verdict needs two.`] };
  }
  const [nameA, nameB] = names
    .slice()
    .sort((x, y) => model.variants[y]!.events - model.variants[x]!.events)
    .slice(0, 2)
    .sort(byVersion) as [string, string];
  const a = model.variants[nameA]!;
  const b = model.variants[nameB]!;
  const comparisons: VariantComparison[] = candidates(a, b).map((c) => {
    const result = c.run();
    const verdict = result ? abVerdict({ metric: c.metric, higher_is_better: c.higher_is_better, variant_a: nameA, variant_b: nameB, result, unit: c.unit }) : undefined;
    return {
      metric: c.metric,
      test: c.test,
      variant_a: nameA,
      variant_b: nameB,
      value_a: c.value(a),
      value_b: c.value(b),
      effect: result?.effect ?? null,
      ci_low: result?.ci_low ?? null,
      ci_high: result?.ci_high ?? null,
      p_value: result?.p_value ?? null,
      significant: verdict?.significant ?? false,
      ...(verdict?.winner ? { winner: verdict.winner } : {}),
      verdict: verdict?.text ?? `Not enough data to compare ${c.metric}.`,
    };
  });
  const summary = comparisons.slice().sort((x, y) => Number(y.significant) - Number(x.significant)).map((c) => c.verdict);
  if (names.length > 2) summary.push(`${names.length} variants served; the two with the most traffic (${nameA}, ${nameB}) are compared.`);
  return { variants, comparisons, summary };
}
