import type { DriftMethod } from "@cairn/core";

/** Methods whose statistic is a p-value (drift below the threshold); the rest are distances (drift at or above it). The monitor package decides drift by the same split. */
export const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(["ks", "chisquare", "z", "anderson", "cramer_von_mises"]);

/** Severities above this are drawn alike: three times past the threshold is "far past" for colour. */
export const SEVERITY_CAP = 3;

/**
 * How far a statistic is toward (1) or past (> 1) its threshold, capped: a distance over its
 * threshold, a p-value as log(p) / log(threshold), so 0.05 is 1 and 0.05² is 2 whatever the
 * method. Undefined when the statistic could not be measured.
 */
export function driftSeverity(method: DriftMethod, statistic: number | null, threshold: number): number | undefined {
  if (statistic === null || !Number.isFinite(statistic) || !(threshold > 0)) return undefined;
  let s: number;
  if (P_VALUE_METHODS.has(method)) {
    if (threshold >= 1) return undefined;
    // A p-value of 0 (underflow) is as far past as the scale shows.
    s = statistic <= 0 ? SEVERITY_CAP : Math.log(Math.min(statistic, 1)) / Math.log(threshold);
  } else {
    s = Math.max(statistic, 0) / threshold;
  }
  return Math.min(Math.max(0, s), SEVERITY_CAP);
}

type Rgb = [number, number, number];

// Light below the threshold, a step to orange at it and another to red at twice past it:
// lightness alone orders the ramp, so it reads in greyscale and for colour-vision deficiencies.
// The steps also skip the mid-tones on which neither black nor white text has AA contrast.
const STOPS: [number, Rgb][] = [
  [0, [238, 242, 247]],
  [0.999, [253, 226, 150]],
  [1, [246, 170, 90]],
  [1.999, [232, 120, 50]],
  [2, [190, 40, 24]],
  [SEVERITY_CAP, [110, 14, 14]],
];

/** The cell colour of a severity (see driftSeverity); grey for an unmeasured one. */
export function severityColor(severity: number | undefined): string {
  if (severity === undefined) return "rgb(205, 210, 218)";
  const s = Math.min(Math.max(severity, 0), SEVERITY_CAP);
  let i = 1;
  while (i < STOPS.length - 1 && s > STOPS[i]![0]) i++;
  const [s0, c0] = STOPS[i - 1]!;
  const [s1, c1] = STOPS[i]!;
  const t = s1 === s0 ? 1 : (s - s0) / (s1 - s0);
  const mix = c0.map((v, k) => Math.round(v + (c1[k]! - v) * Math.min(Math.max(t, 0), 1)));
  return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
}

/** WCAG relative luminance of an "rgb(r, g, b)" colour. */
export function luminance(color: string): number {
  const parts = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  if (!parts) throw new Error(`Not an rgb() colour: ${color}`);
  const [r, g, b] = [parts[1], parts[2], parts[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The contrast ratio of two colours' luminances. */
export function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const DARK = "rgb(26, 31, 41)";
const LIGHT = "rgb(255, 255, 255)";

/** The text colour (near-black or white) that reads best on a cell colour. */
export function symbolColor(background: string): string {
  const bg = luminance(background);
  return contrast(bg, luminance(DARK)) >= contrast(bg, luminance(LIGHT)) ? DARK : LIGHT;
}
