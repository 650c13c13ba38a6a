/**
 * Binary encodings of data profiles, samples and reference profiles (see binary-io.ts for the
 * container). Decoded typed arrays view the input bytes where alignment allows, so decoding a
 * window costs a JSON.parse of a small header: treat the input as immutable afterwards, and
 * merge decoded profiles with mergeDataProfiles / mergeManyDataProfiles (which copy) rather than
 * folding into them.
 */
import { cloneDataProfile, mergeDataProfileInto } from "./data-profile.js";
import { DenseStore } from "./dense-store.js";
import { Hll, HLL_REGISTERS } from "./hll.js";
import { QuantileSketch } from "./quantile-sketch.js";
import { isCount, malformed, SectionReader, SectionWriter } from "./binary-io.js";
import type { CategoricalProfile, DataProfile, DataQuality, FeatureProfile, NumericBins, NumericProfile, ReferenceProfile, Sample } from "./types.js";

export { PROFILE_FORMAT_VERSION } from "./binary-io.js";

const KIND_DATA = 1;
const KIND_SAMPLE = 2;
const KIND_REFERENCE = 3;

/**
 * Decodes and merges encoded window profiles one at a time (null for none): the report's path.
 * Each decoded window dies young, so the garbage collector never copies 720 windows around.
 */
export function mergeEncodedDataProfiles(encoded: Iterable<Uint8Array>): DataProfile | null {
  let out: DataProfile | null = null;
  for (const bytes of encoded) {
    const p = decodeDataProfile(bytes);
    if (out === null) out = cloneDataProfile(p);
    else mergeDataProfileInto(out, p);
  }
  return out;
}

/** Per numeric profile in the body: SCALARS numbers (see writeNumeric), histogram, positive bins, negative bins. */
const SCALARS = 17;

/**
 * Encodes a data profile. A window is two sections however many features it has: one of doubles
 * (every numeric profile's scalars, histogram and sketch bins, back to back) and one of bytes
 * (every HyperLogLog's registers), so decoding creates few objects.
 */
export function encodeDataProfile(p: DataProfile, options: { sketches?: boolean } = {}): Uint8Array {
  // Without sketches (a compact window profile) the quantile sketches and HyperLogLogs are left
  // out: reports over long ranges need only counts, moments and histograms, and read a tenth as much.
  const sketches = options.sketches !== false;
  const all = Object.entries(p.features);
  if (p.prediction !== undefined) all.push(["", p.prediction]);
  // A compact profile's histograms go as float32 when every count is exact in it (below 2^24),
  // which halves what a long-range report reads.
  const narrow = !sketches && all.every(([, f]) => f.kind !== "numeric" || f.histogram.every((c) => Number.isInteger(c) && c < F32_EXACT));
  let doubles = 0;
  let slots = 0;
  for (const [, f] of all) {
    if (f.kind !== "numeric") continue;
    slots += f.histogram.length;
    doubles += SCALARS + (narrow ? 0 : f.histogram.length) + (sketches ? f.sketch.positive.usedBins().length + f.sketch.negative.usedBins().length : 0);
  }
  const body = new Float64Array(doubles);
  const histograms = new Float32Array(narrow ? slots : 0);
  const registers = new Uint8Array(sketches ? all.length * HLL_REGISTERS : 0);
  let offset = 0;
  let slot = 0;
  const entries = all.map(([name, f], i) => {
    // An untracked sketch leaves its registers at zero, which is an empty one.
    if (sketches && f.distinct.registers.length > 0) registers.set(f.distinct.registers, i * HLL_REGISTERS);
    if (f.kind === "categorical") return [name, "c", f.count, f.missing, f.invalid, [...f.categories]];
    if (narrow) {
      histograms.set(f.histogram, slot);
      slot += f.histogram.length;
    }
    offset = writeNumeric(body, offset, f, sketches, narrow);
    return [name, "n"];
  });
  const w = new SectionWriter();
  w.f64(body);
  w.u8(registers);
  if (narrow) w.u8(new Uint8Array(histograms.buffer));
  const header: Record<string, unknown> = { e: p.events, f: p.prediction ? entries.slice(0, -1) : entries, q: p.quality };
  if (!sketches) header.k = 0;
  if (narrow) header.h = 4;
  if (p.prediction !== undefined) header.p = entries[entries.length - 1]!.slice(1);
  return w.finish(KIND_DATA, header);
}

/** Writes one numeric profile at offset; returns the offset after it. */
function writeNumeric(body: Float64Array, offset: number, f: NumericProfile, sketches: boolean, narrow: boolean): number {
  const s = sketches ? f.sketch : new QuantileSketch();
  const pos = s.positive.usedBins();
  const neg = s.negative.usedBins();
  body.set(
    [
      f.count, f.missing, f.invalid, f.mean, f.m2, f.min, f.max,
      s.zeroCount, s.min, s.max,
      f.histogram.length,
      s.positive.count > 0 ? s.positive.minKey : 0, s.positive.count, pos.length,
      s.negative.count > 0 ? s.negative.minKey : 0, s.negative.count, neg.length,
    ],
    offset,
  );
  offset += SCALARS;
  if (!narrow) {
    body.set(f.histogram, offset);
    offset += f.histogram.length;
  }
  body.set(pos, offset);
  offset += pos.length;
  body.set(neg, offset);
  return offset + neg.length;
}

const NO_REGISTERS = new Uint8Array(0);
/** Counts below this are exact in float32. */
const F32_EXACT = 2 ** 24;

/** Bytes as float32 values: a view when aligned, else a copy. */
function float32View(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) malformed("data profile", "histogram section is not float32");
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  return new Float32Array(Uint8Array.prototype.slice.call(bytes).buffer);
}

/** Decodes encodeDataProfile's bytes (compact ones with untracked sketches); garbage throws INVALID_PARAMETER_VALUE. */
export function decodeDataProfile(bytes: Uint8Array): DataProfile {
  const r = new SectionReader(bytes, KIND_DATA, "data profile");
  const h = r.header;
  if (!isCount(h.e) || !Array.isArray(h.f) || (h.p !== undefined && !Array.isArray(h.p))) {
    malformed("data profile", "bad header");
  }
  const body = r.f64();
  const registers = r.u8();
  const narrow = h.h === 4 ? float32View(r.u8()) : undefined;
  r.done();
  const list = h.f as unknown[];
  const total = list.length + (h.p !== undefined ? 1 : 0);
  const compact = h.k === 0;
  if (registers.length !== (compact ? 0 : total * HLL_REGISTERS)) malformed("data profile", "register section does not match the features");
  const cursor = { offset: 0, slot: 0, narrow };
  const features: Record<string, FeatureProfile> = {};
  list.forEach((entry, i) => {
    if (!Array.isArray(entry) || typeof entry[0] !== "string") malformed("data profile", "bad feature entry");
    features[entry[0]] = readFeature(entry, 1, body, cursor, compact ? NO_REGISTERS : registers.subarray(i * HLL_REGISTERS, (i + 1) * HLL_REGISTERS));
  });
  const out: DataProfile = { events: h.e, features, quality: readQuality(h.q) };
  if (h.p !== undefined) {
    out.prediction = readFeature(h.p as unknown[], 0, body, cursor, compact ? NO_REGISTERS : registers.subarray(list.length * HLL_REGISTERS));
  }
  if (cursor.offset !== body.length || (narrow && cursor.slot !== narrow.length)) malformed("data profile", "numeric section does not match the features");
  return out;
}

/** Reads one feature from its header entry (kind at entry[at]) and the body at cursor. */
function readFeature(entry: unknown[], at: number, body: Float64Array, cursor: { offset: number; slot: number; narrow: Float32Array | undefined }, registers: Uint8Array): FeatureProfile {
  const distinct = new Hll(registers);
  if (entry[at] === "c") {
    const [count, missing, invalid, categories] = entry.slice(at + 1);
    if (!isCount(count) || !isCount(missing) || !isCount(invalid) || !Array.isArray(categories)) {
      malformed("data profile", "bad categorical entry");
    }
    const map = new Map<string, number>();
    for (const pair of categories) {
      if (!Array.isArray(pair) || typeof pair[0] !== "string" || !isCount(pair[1])) malformed("data profile", "bad category");
      map.set(pair[0], pair[1]);
    }
    const p: CategoricalProfile = { kind: "categorical", count, missing, invalid, categories: map, distinct };
    return p;
  }
  if (entry[at] !== "n") malformed("data profile", `unknown feature kind ${String(entry[at])}`);
  const o = cursor.offset;
  if (o + SCALARS > body.length) malformed("data profile", "numeric section too short");
  const slots = body[o + 10]!;
  const posLength = body[o + 13]!;
  const negLength = body[o + 16]!;
  if (!isCount(slots) || slots < 1 || !isCount(posLength) || !isCount(negLength)) malformed("data profile", "bad numeric lengths");
  const inBody = cursor.narrow ? 0 : slots;
  const end = o + SCALARS + inBody + posLength + negLength;
  if (end > body.length) malformed("data profile", "numeric section too short");
  let at2 = o + SCALARS;
  let histogram: Float64Array;
  if (cursor.narrow) {
    if (cursor.slot + slots > cursor.narrow.length) malformed("data profile", "histogram section too short");
    histogram = Float64Array.from(cursor.narrow.subarray(cursor.slot, (cursor.slot += slots)));
  } else histogram = body.subarray(at2, (at2 += slots));
  const positive = readStore(body.subarray(at2, (at2 += posLength)), body[o + 11]!, body[o + 12]!);
  const negative = readStore(body.subarray(at2, (at2 += negLength)), body[o + 14]!, body[o + 15]!);
  cursor.offset = end;
  const sketch = new QuantileSketch(positive, negative, body[o + 7]!, body[o + 8]!, body[o + 9]!);
  const p: NumericProfile = {
    kind: "numeric", count: body[o]!, missing: body[o + 1]!, invalid: body[o + 2]!, mean: body[o + 3]!, m2: body[o + 4]!,
    min: body[o + 5]!, max: body[o + 6]!, histogram, sketch, distinct,
  };
  return p;
}

/** A store over decoded bins starting at minKey. */
function readStore(bins: Float64Array, minKey: number, count: number): DenseStore {
  if (!Number.isInteger(minKey) || !(count >= 0) || (bins.length === 0) !== (count === 0)) {
    malformed("data profile", "bad sketch store");
  }
  if (bins.length === 0) return new DenseStore();
  return new DenseStore(bins, minKey, minKey, minKey + bins.length - 1, count);
}

/** Checks the quality record's shape. */
function readQuality(q: unknown): DataQuality {
  const isCounts = (x: unknown): x is Record<string, number> =>
    typeof x === "object" && x !== null && !Array.isArray(x) && Object.values(x).every(isCount);
  const o = q as Partial<DataQuality> | null;
  if (!o || !isCounts(o.missing_feature) || !isCounts(o.wrong_type) || !isCounts(o.unknown_column)) {
    malformed("data profile", "bad data quality record");
  }
  return { missing_feature: o.missing_feature, wrong_type: o.wrong_type, unknown_column: o.unknown_column };
}

/** Encodes a sample. */
export function encodeSample(s: Sample): Uint8Array {
  const w = new SectionWriter();
  w.f64(s.keys);
  const names = Object.keys(s.columns);
  for (const name of names) w.f64(s.columns[name]!);
  return w.finish(KIND_SAMPLE, { c: s.capacity, n: s.keys.length, cols: names });
}

/** Decodes encodeSample's bytes; garbage throws INVALID_PARAMETER_VALUE. */
export function decodeSample(bytes: Uint8Array): Sample {
  const r = new SectionReader(bytes, KIND_SAMPLE, "sample");
  const { c, n, cols } = r.header;
  if (!isCount(c) || c < 1 || !isCount(n) || n > c || !Array.isArray(cols) || !cols.every((x) => typeof x === "string")) {
    malformed("sample", "bad header");
  }
  const keys = r.f64(n);
  const columns: Record<string, Float64Array> = {};
  for (const name of cols as string[]) columns[name] = r.f64(n);
  r.done();
  return { capacity: c, keys, columns };
}

/** Encodes a reference profile (bins, data profile, sample). */
export function encodeReferenceProfile(ref: ReferenceProfile): Uint8Array {
  const w = new SectionWriter();
  const names = Object.keys(ref.bins);
  for (const name of names) w.f64(ref.bins[name]!.edges);
  w.u8(encodeDataProfile(ref.data));
  w.u8(encodeSample(ref.sample));
  return w.finish(KIND_REFERENCE, { rows: ref.rows, bins: names });
}

/** Decodes encodeReferenceProfile's bytes; garbage throws INVALID_PARAMETER_VALUE. */
export function decodeReferenceProfile(bytes: Uint8Array): ReferenceProfile {
  const r = new SectionReader(bytes, KIND_REFERENCE, "reference profile");
  const { rows, bins: names } = r.header;
  if (!isCount(rows) || !Array.isArray(names) || !names.every((x) => typeof x === "string")) {
    malformed("reference profile", "bad header");
  }
  const bins: Record<string, NumericBins> = {};
  for (const name of names as string[]) {
    const edges = r.f64();
    for (let i = 1; i < edges.length; i++) {
      if (!(edges[i]! > edges[i - 1]!)) malformed("reference profile", `bin edges of ${name} are not ascending`);
    }
    bins[name] = { edges };
  }
  const data = decodeDataProfile(r.u8());
  const sample = decodeSample(r.u8());
  r.done();
  return { rows, bins, data, sample };
}
