/**
 * The ingest hot path: served events stream in and land in the profile of their time window
 * (windows start at multiples of windowMs since the epoch). Nothing an event carries is
 * rejected: absent features, wrong types and unknown columns are counted in the window's data
 * quality (and as missing / invalid in the feature's profile).
 */
import { CairnError, type MonitorFeature } from "@cairn/core";
import { capUnknownColumns, cloneDataProfile, emptyQuality } from "./data-profile.js";
import { addCategory, addNumericValue, categoryKey, emptyCategoricalProfile, emptyNumericProfile } from "./feature-profile.js";
import { BinLocator } from "./bin-locator.js";
import { countUnknown } from "./reference-profile.js";
import { createRng, freshSeed, type Rng } from "./rng.js";
import { Reservoir } from "./sample.js";
import { PREDICTION_KEY, type CategoricalProfile, type DataProfile, type FeatureProfile, type NumericProfile, type ReferenceProfile, type WindowProfile } from "./types.js";

/** Options of createWindowProfiler. */
export interface WindowProfilerOptions {
  windowMs: number;
  /** Rows kept in each window's sample. */
  reservoirSize: number;
  seed?: number;
  /** Profile event.prediction with this kind; without it predictions are ignored. */
  predictionKind?: "numeric" | "categorical";
}

/** One served event as the profiler reads it. */
export interface ProfiledEvent {
  timestamp_ms: number;
  features: Record<string, unknown>;
  prediction?: unknown;
}

/** Accumulates events into per-window profiles. */
export interface WindowProfiler {
  /** Profiles one event into its window. */
  add(event: ProfiledEvent): void;
  /** Snapshots of every window seen so far, by window start (later adds do not change them). */
  windows(): Map<number, WindowProfile>;
}

const NO_FEATURES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** The accumulators of one window. */
class WindowState {
  events = 0;
  readonly numeric: NumericProfile[];
  readonly categorical: CategoricalProfile[];
  readonly missingFeature: Float64Array;
  readonly wrongType: Float64Array;
  readonly unknown = new Map<string, number>();
  readonly prediction: FeatureProfile | undefined;
  readonly reservoir: Reservoir;

  constructor(schema: Schema, reservoirSize: number) {
    this.numeric = schema.numericEdges.map((edges) => emptyNumericProfile(edges.length + 1));
    this.categorical = schema.categorical.map(() => emptyCategoricalProfile());
    this.missingFeature = new Float64Array(schema.features.length);
    this.wrongType = new Float64Array(schema.features.length);
    this.reservoir = new Reservoir(reservoirSize, schema.numeric.length);
    if (schema.predictionKind === "numeric") this.prediction = emptyNumericProfile(schema.predictionEdges.length + 1);
    else if (schema.predictionKind === "categorical") this.prediction = emptyCategoricalProfile();
  }
}

/** The schema laid out for the hot loop. */
interface Schema {
  features: readonly MonitorFeature[];
  numeric: string[];
  numericEdges: Float64Array[];
  numericIndex: number[];
  categorical: string[];
  categoricalIndex: number[];
  known: Set<string>;
  predictionKind: "numeric" | "categorical" | undefined;
  predictionEdges: Float64Array;
}

/** Creates a profiler whose numeric histograms use the reference's bins. */
export function createWindowProfiler(
  reference: ReferenceProfile,
  features: readonly MonitorFeature[],
  options: WindowProfilerOptions,
): WindowProfiler {
  if (!Number.isInteger(options.windowMs) || options.windowMs <= 0) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `window length must be a positive integer of ms, got ${options.windowMs}`);
  }
  const schema = layOut(reference, features, options.predictionKind);
  const windowMs = options.windowMs;
  const reservoirSize = options.reservoirSize;
  new Reservoir(reservoirSize, 0); // validates the size before the first event
  const rng: Rng = createRng(options.seed ?? freshSeed());
  const states = new Map<number, WindowState>();
  let lastStart = NaN;
  let last: WindowState | null = null;
  const { numeric, numericIndex, categorical, categoricalIndex, known } = schema;
  const locators = schema.numericEdges.map((edges) => new BinLocator(edges));
  const predictionLocator = new BinLocator(schema.predictionEdges);
  const nNumeric = numeric.length;
  const nCategorical = categorical.length;

  const add = (event: ProfiledEvent): void => {
    const ts = event.timestamp_ms;
    if (typeof ts !== "number" || !Number.isFinite(ts)) {
      throw new CairnError("INVALID_PARAMETER_VALUE", `event timestamp_ms must be a finite number of ms, got ${String(ts)}`);
    }
    const start = Math.floor(ts / windowMs) * windowMs;
    let state = last;
    if (start !== lastStart || state === null) {
      state = states.get(start) ?? null;
      if (state === null) {
        state = new WindowState(schema, reservoirSize);
        states.set(start, state);
      }
      last = state;
      lastStart = start;
    }
    state.events++;
    const f = event.features !== null && typeof event.features === "object" ? event.features : NO_FEATURES;
    const slot = state.reservoir.offer(rng());
    const sampled = state.reservoir.columns;
    let present = 0;
    for (let j = 0; j < nNumeric; j++) {
      const name = numeric[j]!;
      const v = f[name];
      const p = state.numeric[j]!;
      let value = NaN;
      if (typeof v === "number") {
        present++;
        if (v - v === 0) {
          value = v;
          addNumericValue(p, v, locators[j]!.slot(v));
        } else if (v !== v) p.missing++;
        else {
          p.invalid++;
          state.wrongType[numericIndex[j]!]!++;
        }
      } else if (v === undefined) {
        p.missing++;
        if (name in f) present++;
        else state.missingFeature[numericIndex[j]!]!++;
      } else {
        present++;
        if (v === null || v === "") p.missing++;
        else {
          p.invalid++;
          state.wrongType[numericIndex[j]!]!++;
        }
      }
      if (slot >= 0) sampled[j]![slot] = value;
    }
    for (let j = 0; j < nCategorical; j++) {
      const name = categorical[j]!;
      const v = f[name];
      const p = state.categorical[j]!;
      if (v === undefined && !(name in f)) {
        p.missing++;
        state.missingFeature[categoricalIndex[j]!]!++;
        continue;
      }
      present++;
      const key = categoryKey(v);
      if (key === null) p.missing++;
      else if (key === undefined) {
        p.invalid++;
        state.wrongType[categoricalIndex[j]!]!++;
      } else addCategory(p, key);
    }
    if (state.prediction !== undefined) addPrediction(state.prediction, event.prediction, predictionLocator);
    let keys = 0;
    for (const _ in f) keys++;
    if (keys > present) countUnknown(f, known, state.unknown);
  };

  const windows = (): Map<number, WindowProfile> => {
    const out = new Map<number, WindowProfile>();
    for (const [start, state] of [...states].sort((a, b) => a[0] - b[0])) {
      out.set(start, { data: snapshot(state, schema), sample: state.reservoir.toSample(numeric) });
    }
    return out;
  };
  return { add, windows };
}

/** Orders the schema for the hot loop and checks it against the reference's bins. */
function layOut(
  reference: ReferenceProfile,
  features: readonly MonitorFeature[],
  predictionKind: "numeric" | "categorical" | undefined,
): Schema {
  const numeric: string[] = [];
  const numericEdges: Float64Array[] = [];
  const numericIndex: number[] = [];
  const categorical: string[] = [];
  const categoricalIndex: number[] = [];
  features.forEach((f, i) => {
    if (f.kind === "numeric") {
      const bins = reference.bins[f.name];
      if (!bins) {
        throw new CairnError(
          "INVALID_PARAMETER_VALUE",
          `numeric feature ${f.name} has no bins in the reference profile: rebuild the reference with this feature schema`,
        );
      }
      numeric.push(f.name);
      numericEdges.push(bins.edges);
      numericIndex.push(i);
    } else {
      categorical.push(f.name);
      categoricalIndex.push(i);
    }
  });
  const predictionEdges = reference.bins[PREDICTION_KEY]?.edges ?? new Float64Array(0);
  const known = new Set(features.map((f) => f.name));
  return { features, numeric, numericEdges, numericIndex, categorical, categoricalIndex, known, predictionKind, predictionEdges };
}

/** Adds an event's prediction (undefined counts as missing). */
function addPrediction(p: FeatureProfile, v: unknown, locator: BinLocator): void {
  if (p.kind === "numeric") {
    if (typeof v === "number" && v - v === 0) addNumericValue(p, v, locator.slot(v));
    else if (v === undefined || v === null || v === "" || (typeof v === "number" && v !== v)) p.missing++;
    else p.invalid++;
    return;
  }
  const key = categoryKey(v);
  if (key === null) p.missing++;
  else if (key === undefined) p.invalid++;
  else addCategory(p, key);
}

/** A DataProfile copy of a window's accumulators. */
function snapshot(state: WindowState, schema: Schema): DataProfile {
  const features: Record<string, FeatureProfile> = {};
  schema.numeric.forEach((name, j) => (features[name] = state.numeric[j]!));
  schema.categorical.forEach((name, j) => (features[name] = state.categorical[j]!));
  const quality = emptyQuality();
  schema.features.forEach((f, i) => {
    quality.missing_feature[f.name] = state.missingFeature[i]!;
    quality.wrong_type[f.name] = state.wrongType[i]!;
  });
  for (const [key, c] of state.unknown) quality.unknown_column[key] = c;
  capUnknownColumns(quality.unknown_column);
  const live: DataProfile = { events: state.events, features, quality };
  const p = state.prediction;
  if (p !== undefined && p.count + p.invalid > 0) live.prediction = p;
  return cloneDataProfile(live);
}
