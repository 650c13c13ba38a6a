import type { ABTestResult } from "./types.js";
import { invalidStatsInput } from "./validate.js";

/** What abVerdict needs: the metric, its direction, the two variants' names and the test result. */
export interface ABVerdictInput {
  metric: string;
  higher_is_better: boolean;
  /** The control's name, e.g. "7" (shown as "version 7") or "baseline". */
  variant_a: string;
  /** The candidate's name. */
  variant_b: string;
  result: ABTestResult;
  /** Significance level; 0.05 unless given. */
  alpha?: number;
  /** "points": the effect is a difference of proportions, shown ×100 as percentage points. */
  unit?: "points" | "ms" | "";
}

/** A plain-language reading of an A/B result. */
export interface ABVerdict {
  significant: boolean;
  /** The better variant's name when the difference is significant. */
  winner?: string;
  text: string;
}

const label = (name: string): string => (/^\d+(\.\d+)*$/.test(name) ? `version ${name}` : name);
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Decimals that show the interval's half-width to about two significant digits. */
function decimalsFor(halfWidth: number, scale: number): number {
  const hw = Math.abs(halfWidth * scale);
  if (!(hw > 0) || !Number.isFinite(hw)) return 2;
  return Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(hw))));
}

function signed(value: number, decimals: number): string {
  const text = Math.abs(value).toFixed(decimals);
  if (Number(text) === 0) return text;
  return `${value < 0 ? "−" : "+"}${text}`;
}

/** p to two significant digits, with more when rounding would put it on the other side of alpha. */
function formatP(p: number, alpha: number): string {
  if (p < 0.001) return "p < 0.001";
  for (let digits = 2; digits <= 4; digits++) {
    const text = p.toPrecision(digits);
    if (Number(text) < alpha === p < alpha) return `p = ${Number(text)}`;
  }
  return `p = ${p.toPrecision(4)}`;
}

/**
 * A sentence on an A/B result, e.g. "Version 8 has a higher accuracy than version 7: +2.1 points
 * (95% CI +0.8 to +3.4), p = 0.001. Version 8 is better." Significant when p_value < alpha
 * (default 0.05); the winner follows higher_is_better. Names of digits read as "version N".
 * Throws INVALID_PARAMETER_VALUE for a non-finite p-value or effect, or alpha outside (0, 1).
 */
export function abVerdict(input: ABVerdictInput): ABVerdict {
  const { metric, higher_is_better, variant_a, variant_b, result } = input;
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw invalidStatsInput(`'alpha' must be strictly between 0 and 1, got ${alpha}`);
  const { p_value: p, effect, ci_low, ci_high } = result;
  if (!(p >= 0 && p <= 1)) throw invalidStatsInput(`the result's p_value must be in [0, 1], got ${p}`);
  if (!Number.isFinite(effect) || !Number.isFinite(ci_low) || !Number.isFinite(ci_high)) {
    throw invalidStatsInput("the result's effect and confidence interval must be finite numbers");
  }
  const unit = input.unit ?? "";
  const scale = unit === "points" ? 100 : 1;
  const suffix = unit === "" ? "" : ` ${unit}`;
  const decimals = decimalsFor((ci_high - ci_low) / 2, scale);
  const level = `${Math.round((result.confidence ?? 0.95) * 1000) / 10}% CI`;
  const a = label(variant_a);
  const b = label(variant_b);
  const lo = signed(ci_low * scale, decimals);
  const hi = signed(ci_high * scale, decimals);
  const pText = formatP(p, alpha);
  if (!(p < alpha) || effect === 0) {
    return {
      significant: false,
      text:
        `No significant difference in ${metric} between ${a} and ${b} (${pText}); collect more data: ` +
        `the difference could be anywhere from ${lo} to ${hi}${suffix} (${level}).`,
    };
  }
  const higher = effect > 0;
  const winnerName = higher === higher_is_better ? variant_b : variant_a;
  const text =
    `${capitalise(b)} has a ${higher ? "higher" : "lower"} ${metric} than ${a}: ` +
    `${signed(effect * scale, decimals)}${suffix} (${level} ${lo} to ${hi}), ${pText}. ` +
    `${capitalise(label(winnerName))} is better.`;
  return { significant: true, winner: winnerName, text };
}
