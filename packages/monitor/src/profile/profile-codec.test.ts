import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError, type MonitorFeature } from "@cairn/core";
import { mergeManyDataProfiles } from "./data-profile.js";
import {
  mergeEncodedDataProfiles,
  decodeDataProfile,
  decodeReferenceProfile,
  decodeSample,
  encodeDataProfile,
  encodeReferenceProfile,
  encodeSample,
} from "./profile-codec.js";
import { buildReferenceProfile } from "./reference-profile.js";
import { createWindowProfiler } from "./window-profiler.js";
import { normalGenerator } from "./test-helpers.js";
import type { DataProfile, FeatureProfile, NumericProfile } from "./types.js";

const HOUR = 3_600_000;
const features: MonitorFeature[] = [
  { name: "a", kind: "numeric" },
  { name: "b", kind: "numeric" },
  { name: "c", kind: "categorical" },
];
const z = normalGenerator(17);
const row = (): Record<string, unknown> => ({ a: z() * 5, b: Math.exp(z()), c: z() > 0 ? "yes" : 0, extra: 1 });
const reference = buildReferenceProfile(Array.from({ length: 3000 }, row), features, {
  reservoirSize: 50,
  seed: 2,
  prediction: { column: "extra", kind: "numeric" },
});

/** Compares two profiles field by field (typed arrays by content, sketches by their figures). */
function assertSameFeature(x: FeatureProfile, y: FeatureProfile): void {
  assert.equal(x.kind, y.kind);
  assert.deepEqual(Uint8Array.from(x.distinct.registers), Uint8Array.from(y.distinct.registers));
  if (x.kind === "categorical" || y.kind === "categorical") {
    assert.deepEqual({ ...x, distinct: null }, { ...y, distinct: null });
    return;
  }
  for (const k of ["count", "missing", "invalid", "mean", "m2", "min", "max"] as const) assert.equal(x[k], y[k]);
  assert.deepEqual(Float64Array.from(x.histogram), Float64Array.from(y.histogram));
  for (const q of [0, 0.1, 0.5, 0.9, 1]) assert.equal(x.sketch.quantile(q), y.sketch.quantile(q));
  for (const v of [-3, 0, 0.5, 2]) assert.equal(x.sketch.cdf(v), y.sketch.cdf(v));
  assert.deepEqual(Float64Array.from(x.sketch.negative.usedBins()), Float64Array.from(y.sketch.negative.usedBins()));
}

/** Compares two data profiles. */
function assertSameProfile(x: DataProfile, y: DataProfile): void {
  assert.equal(x.events, y.events);
  assert.deepEqual(x.quality, y.quality);
  assert.deepEqual(Object.keys(x.features), Object.keys(y.features));
  for (const name of Object.keys(x.features)) assertSameFeature(x.features[name]!, y.features[name]!);
  assert.equal(x.prediction === undefined, y.prediction === undefined);
  if (x.prediction && y.prediction) assertSameFeature(x.prediction, y.prediction);
}

test("data profiles, samples and reference profiles round-trip", () => {
  const p = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 20, seed: 1, predictionKind: "categorical" });
  for (let i = 0; i < 500; i++) p.add({ timestamp_ms: i, features: { ...row(), ...(i % 9 === 0 ? { a: "bad" } : {}) }, prediction: i % 2 ? "cat" : "dog" });
  const w = p.windows().get(0)!;
  assertSameProfile(decodeDataProfile(encodeDataProfile(w.data)), w.data);
  assert.deepEqual(decodeSample(encodeSample(w.sample)), w.sample);
  const ref = decodeReferenceProfile(encodeReferenceProfile(reference));
  assert.equal(ref.rows, 3000);
  assert.deepEqual(ref.bins, reference.bins);
  assert.deepEqual(ref.sample, reference.sample);
  assertSameProfile(ref.data, reference.data);
  // An empty profile (Infinity min, empty sketch stores) round-trips too.
  const empty = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: 20 });
  empty.add({ timestamp_ms: 0, features: {} });
  const e = empty.windows().get(0)!.data;
  const back = decodeDataProfile(encodeDataProfile(e));
  assertSameProfile(back, e);
  assert.equal((back.features.a as NumericProfile).min, Infinity);
});

test("bytes at an unaligned offset decode by copying", () => {
  const bytes = encodeReferenceProfile(reference);
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const ref = decodeReferenceProfile(shifted.subarray(3));
  assert.deepEqual(ref.bins, reference.bins);
  assertSameProfile(ref.data, reference.data);
});

test("garbage is refused with INVALID_PARAMETER_VALUE", () => {
  const good = encodeDataProfile(reference.data);
  const cases: [string, Uint8Array][] = [
    ["empty", new Uint8Array(0)],
    ["version", Uint8Array.from([9, ...good.subarray(1)])],
    ["kind", encodeSample(reference.sample)],
    ["truncated", good.subarray(0, good.length - 8)],
    ["header", Uint8Array.from([1, 1, 0, 0, 4, 0, 0, 0, 123, 125, 125, 0])],
    ["random", Uint8Array.from({ length: 200 }, (_, i) => (i * 37) % 256)],
  ];
  // A header claiming more sections than the bytes hold.
  const wrong = good.slice();
  const json = new TextDecoder().decode(wrong.subarray(8, 8 + new DataView(wrong.buffer).getUint32(4, true)));
  wrong.set(new TextEncoder().encode(json.replace('"s":[[0,', '"s":[[1,')), 8);
  cases.push(["section type", wrong]);
  for (const [name, bytes] of cases) {
    assert.throws(
      () => decodeDataProfile(bytes),
      (err: unknown) => err instanceof CairnError && err.code === "INVALID_PARAMETER_VALUE" && /not a valid encoded/.test(err.message),
      name,
    );
  }
  assert.throws(() => decodeSample(good), CairnError);
  assert.throws(() => decodeReferenceProfile(good), CairnError);
});

test("720 hourly windows × 20 numeric features merge one at a time to what merging them all gives (speed: bench/monitor-ingest.ts)", () => {
  const many: MonitorFeature[] = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, kind: "numeric" }));
  const make = (): Record<string, unknown> => {
    const r: Record<string, unknown> = {};
    for (let i = 0; i < 20; i++) r[`f${i}`] = i % 2 ? z() : 50 + 10 * z();
    return r;
  };
  const ref = buildReferenceProfile(Array.from({ length: 5000 }, make), many, { reservoirSize: 100, seed: 1 });
  const p = createWindowProfiler(ref, many, { windowMs: HOUR, reservoirSize: 100, seed: 1 });
  // 48 distinct windows, each encoded once and reused: size and merge work per window are what count.
  for (let w = 0; w < 48; w++) for (let i = 0; i < 1000; i++) p.add({ timestamp_ms: w * HOUR + i, features: make() });
  const encoded = [...p.windows().values()].map((w) => encodeDataProfile(w.data));
  const windows = Array.from({ length: 720 }, (_, i) => encoded[i % encoded.length]!);
  const merged: DataProfile | null = mergeEncodedDataProfiles(windows);
  assert.equal(merged!.events, 720 * 1000);
  // The streaming path gives what decoding everything first and merging gives.
  const eager = mergeManyDataProfiles(windows.slice(0, 100).map(decodeDataProfile))!;
  const lazy = mergeEncodedDataProfiles(windows.slice(0, 100))!;
  assertSameProfile(lazy, eager);
  assert.equal(mergeEncodedDataProfiles([]), null);
  assert.equal((merged!.features.f0 as NumericProfile).count, 720 * 1000);
});
