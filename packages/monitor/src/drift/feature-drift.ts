import type { DriftMethod, DriftSideSummary, DriftStatus, FeatureDrift, MonitorFeature } from "@cairn/core";
import type { CategoricalProfile, FeatureProfile, NumericProfile } from "../profile/index.js";
import * as stats from "../stats/index.js";
import { binnedCdfAtEdges, binnedQuantiles } from "./binned-quantiles.js";
import { alignCategories, alignNumeric, type AlignedCounts } from "./counts.js";
import { DEFAULT_THRESHOLDS, defaultDriftMethod, isDrift, P_VALUE_METHODS } from "./method-selection.js";

/** What feature drift needs: the feature's settings, both profiles, the reference's bins, and the samples for exact tests. */
export interface FeatureDriftInput {
  feature: MonitorFeature;
  reference: FeatureProfile;
  current: FeatureProfile;
  referenceRows: number;
  edges?: Float64Array;
  /** The reference sample's column (a uniform sample of the reference). */
  referenceSample?: Float64Array;
  /** The sample holds the whole reference (it had at most the sample's capacity of rows): KS and Wasserstein may then be exact. */
  referenceWhole?: boolean;
  currentSample?: Float64Array;
  missingRateThreshold: number;
  unseenShareThreshold: number;
}

// A sample-based test needs the whole reference; the current side may be a uniform sample.
const QUANTILE_POINTS = 512;

const finite = (column: Float64Array | undefined): Float64Array => (column ? column.filter((v) => !Number.isNaN(v)) : new Float64Array(0));

function summary(p: FeatureProfile): DriftSideSummary {
  const total = p.count + p.missing + p.invalid;
  const base = { count: p.count, missing_rate: total > 0 ? p.missing / total : 0 };
  if (p.kind !== "numeric" || p.count === 0) return base;
  return { ...base, mean: p.mean, std: p.count > 1 ? Math.sqrt(p.m2 / (p.count - 1)) : 0 };
}

function missingDrift(ref: FeatureProfile, cur: FeatureProfile, threshold: number): FeatureDrift["missing"] {
  const refTotal = ref.count + ref.missing + ref.invalid;
  const curTotal = cur.count + cur.missing + cur.invalid;
  const refRate = refTotal > 0 ? ref.missing / refTotal : 0;
  const curRate = curTotal > 0 ? cur.missing / curTotal : 0;
  if (refTotal === 0 || curTotal === 0) return { reference_rate: refRate, current_rate: curRate, p_value: 1, drifted: false };
  const { p_value } = stats.zTestTwoProportions(ref.missing, refTotal, cur.missing, curTotal);
  const p = p_value ?? 1;
  return { reference_rate: refRate, current_rate: curRate, p_value: p, drifted: p < 0.05 && Math.abs(curRate - refRate) > threshold };
}

function unseenDrift(ref: CategoricalProfile, cur: CategoricalProfile, threshold: number): NonNullable<FeatureDrift["unseen"]> {
  let unseen = 0;
  const names: [string, number][] = [];
  for (const [category, count] of cur.categories) {
    if (ref.categories.has(category)) continue;
    unseen += count;
    names.push([category, count]);
  }
  const share = cur.count > 0 ? unseen / cur.count : 0;
  names.sort((a, b) => b[1] - a[1]);
  return { share, categories: names.slice(0, 10).map(([n]) => n), drifted: share > threshold };
}

function uniqueValues(ref: FeatureProfile, counts: AlignedCounts | undefined): number {
  if (ref.kind === "categorical") return ref.categories.size;
  // Few-valued numeric features get one bin per value; otherwise there are more than 5 anyway.
  return counts ? counts.reference.reduce((n, c) => (c > 0 ? n + 1 : n), 0) : Number.POSITIVE_INFINITY;
}

/** The value-drift statistic of one method, on samples when the reference is held whole, else on the profiles. */
function measure(method: Exclude<DriftMethod, "auto">, input: FeatureDriftInput, counts: AlignedCounts): { statistic: number; p_value?: number; basis: "sample" | "profile"; sizes?: { reference: number; current: number } } | undefined {
  const { reference: ref, current: cur } = input;
  const refSample = finite(input.referenceSample);
  const curSample = finite(input.currentSample);
  const exact = input.referenceWhole === true && refSample.length > 0 && curSample.length > 0;
  const sizes = { reference: refSample.length, current: curSample.length };
  switch (method) {
    case "chisquare": {
      const r = stats.chiSquareTwoSample(counts.reference, counts.current);
      return { statistic: r.p_value ?? 1, p_value: r.p_value ?? 1, basis: "profile" };
    }
    case "z": {
      // Binary: the share of the first value on each side.
      const refTotal = sum(counts.reference);
      const curTotal = sum(counts.current);
      const first = counts.reference.findIndex((c, i) => c > 0 || counts.current[i]! > 0);
      const r = stats.zTestTwoProportions(counts.reference[first] ?? 0, refTotal, counts.current[first] ?? 0, curTotal);
      return { statistic: r.p_value ?? 1, p_value: r.p_value ?? 1, basis: "profile" };
    }
    case "jensenshannon":
      return { statistic: stats.jensenShannonDistance(counts.reference, counts.current), basis: "profile" };
    case "psi":
      return { statistic: stats.psi(counts.reference, counts.current), basis: "profile" };
    case "kl_div":
      return { statistic: stats.klDivergence(counts.reference, counts.current), basis: "profile" };
    case "hellinger":
      return { statistic: stats.hellingerDistance(counts.reference, counts.current), basis: "profile" };
    default:
      break;
  }
  const r = ref as NumericProfile;
  const c = cur as NumericProfile;
  const std = r.count > 1 ? Math.sqrt(r.m2 / (r.count - 1)) : 0;
  // Sample-only methods need a few values on both sides.
  if ((method === "anderson" || method === "cramer_von_mises" || method === "energy_distance") && (refSample.length < 2 || curSample.length < 2)) return undefined;
  switch (method) {
    case "ks": {
      if (exact) {
        const t = stats.ksTwoSample(refSample, curSample);
        return { statistic: t.p_value ?? 1, p_value: t.p_value ?? 1, basis: "sample", sizes };
      }
      const t = stats.ksFromCdfs(binnedCdfAtEdges(r.histogram), binnedCdfAtEdges(c.histogram), r.count, c.count);
      return { statistic: t.p_value ?? 1, p_value: t.p_value ?? 1, basis: "profile" };
    }
    case "wasserstein": {
      const norm = Math.max(std, 0.001);
      if (exact) return { statistic: stats.wassersteinSamples(refSample, curSample) / norm, basis: "sample", sizes };
      const edges = input.edges ?? new Float64Array(0);
      const qa = binnedQuantiles({ edges, histogram: r.histogram, min: r.min, max: r.max }, QUANTILE_POINTS);
      const qb = binnedQuantiles({ edges, histogram: c.histogram, min: c.min, max: c.max }, QUANTILE_POINTS);
      return { statistic: stats.wassersteinFromQuantiles(qa, qb) / norm, basis: "profile" };
    }
    case "anderson": {
      const t = stats.andersonDarlingKSample([refSample, curSample]);
      return { statistic: t.p_value ?? 1, p_value: t.p_value ?? 1, basis: "sample", sizes };
    }
    case "cramer_von_mises": {
      const t = stats.cramerVonMisesTwoSample(refSample, curSample);
      return { statistic: t.p_value ?? 1, p_value: t.p_value ?? 1, basis: "sample", sizes };
    }
    case "energy_distance":
      return { statistic: stats.energyDistance(refSample, curSample).statistic, basis: "sample", sizes };
  }
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** The drift of one feature; never throws on data (empty or constant sides are reported in status and message). */
export function featureDrift(input: FeatureDriftInput): FeatureDrift {
  const { feature, reference: ref, current: cur } = input;
  const edges = input.edges ?? new Float64Array(0);
  const counts = ref.kind === "categorical" && cur.kind === "categorical" ? alignCategories(ref, cur) : ref.kind === "numeric" && cur.kind === "numeric" ? alignNumeric(ref, cur, edges) : undefined;
  const unique = uniqueValues(ref, counts);
  const method = feature.method && feature.method !== "auto" ? feature.method : defaultDriftMethod(feature.kind, input.referenceRows, unique);
  const threshold = feature.threshold ?? DEFAULT_THRESHOLDS[method];
  const missing = missingDrift(ref, cur, input.missingRateThreshold);
  const base = {
    feature: feature.name,
    kind: feature.kind,
    method,
    threshold,
    reference: summary(ref),
    current: summary(cur),
    missing,
    ...(ref.kind === "categorical" && cur.kind === "categorical" ? { unseen: unseenDrift(ref, cur, input.unseenShareThreshold) } : {}),
    ...(ref.kind === "numeric" && cur.kind === "numeric" && cur.count > 0 && ref.count > 0 ? { out_of_range_share: outOfRange(cur) } : {}),
  };
  const signals = missing.drifted || (base.unseen?.drifted ?? false);
  const unmeasured = (status: DriftStatus, message: string, valueDrifted = false): FeatureDrift => ({
    ...base,
    statistic: null,
    value_drifted: valueDrifted,
    drifted: valueDrifted || signals,
    status,
    message,
    basis: "profile",
  });
  if (ref.count === 0) return unmeasured("empty_reference", `The reference has no values for '${feature.name}' (${ref.missing} missing, ${ref.invalid} of the wrong type); its value drift cannot be measured. Profile a reference where it is filled.`);
  if (cur.count === 0) return unmeasured("no_current_data", `No current values for '${feature.name}' in this range (${cur.missing} missing, ${cur.invalid} of the wrong type).`);
  if (ref.kind === "numeric" && cur.kind === "numeric" && ref.min === ref.max) {
    const moved = cur.min !== ref.min || cur.max !== ref.max;
    const range = cur.min === cur.max ? `is constant at ${cur.min}` : `ranges from ${cur.min} to ${cur.max}`;
    return unmeasured("constant_reference", `The reference of '${feature.name}' is constant at ${ref.min}; the current data ${range}${moved ? ", which is drift" : ""}.`, moved);
  }
  if (!counts) return unmeasured("no_current_data", `'${feature.name}' arrived as another kind than the reference profiled.`);
  const m = measure(method, input, counts);
  if (!m) return unmeasured("no_current_data", `Method ${method} compares samples, and the samples of '${feature.name}' hold fewer than 2 values on one side; choose a profile-based method (ks, wasserstein, psi, jensenshannon) or a longer range.`);
  const valueDrifted = isDrift(method, m.statistic, threshold);
  return {
    ...base,
    statistic: m.statistic,
    ...(P_VALUE_METHODS.has(method) ? { p_value: m.p_value ?? m.statistic } : {}),
    value_drifted: valueDrifted,
    drifted: valueDrifted || signals,
    status: "ok",
    basis: m.basis,
    ...(m.sizes ? { sample_sizes: m.sizes } : {}),
  };
}

function outOfRange(cur: NumericProfile): number {
  // Under- and overflow slots are outside the reference's edges, which span its min to max.
  const h = cur.histogram;
  return cur.count > 0 ? (h[0]! + h[h.length - 1]!) / cur.count : 0;
}
