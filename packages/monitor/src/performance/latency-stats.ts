import { invalidParameter } from "@cairn/core";
import { addLogHistogram, emptyLogHistogram, logHistogramQuantile, mergeLogHistograms, type LogHistogram } from "./log-histogram.js";
import { addMoment, mergeMoments } from "./running-moments.js";
import { mergeSamples, offerSample, SAMPLE_SIZE } from "./priority-sample.js";

/** Request latencies (ms): moments, a mergeable quantile sketch and a bounded uniform sample for rank tests. */
export interface LatencyStats {
  n: number;
  mean: number;
  m2: number;
  sketch: LogHistogram;
  /** At most SAMPLE_SIZE latencies, a uniform sample (see priority-sample.ts). */
  sample: number[];
  /** The sample's priority keys, slot for slot. */
  sample_keys: number[];
}

/** Latency stats of no requests. */
export function emptyLatency(): LatencyStats {
  return { n: 0, mean: 0, m2: 0, sketch: emptyLogHistogram(), sample: [], sample_keys: [] };
}

/** Adds one latency in place; key is the value's sampling priority, uniform in [0, 1). */
export function addLatency(acc: LatencyStats, latencyMs: number, key: number): void {
  if (!(latencyMs >= 0) || latencyMs === Infinity) throw invalidParameter(`Invalid latency_ms ${latencyMs}: a latency is a finite number of milliseconds >= 0.`);
  addLogHistogram(acc.sketch, latencyMs);
  addMoment(acc, latencyMs);
  offerSample(acc.sample, acc.sample_keys, latencyMs, key, SAMPLE_SIZE);
}

/** Latency stats of both request sets. */
export function mergeLatency(a: LatencyStats, b: LatencyStats): LatencyStats {
  return {
    ...mergeMoments(a, b),
    sketch: mergeLogHistograms(a.sketch, b.sketch),
    ...mergeSamples(a, b, SAMPLE_SIZE),
  };
}

/** The q-quantile of latency (within 1% relative), null without requests; takes VariantStats or ModelStats. */
export function latencyQuantile(stats: { latency: LatencyStats }, q: number): number | null {
  return logHistogramQuantile(stats.latency.sketch, q);
}
