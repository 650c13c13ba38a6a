/** Mergeable data profiles: reference and window profiles, samples, sketches and their encoding. */
export * from "./types.js";
export { QuantileSketch, SKETCH_RELATIVE_ACCURACY, SKETCH_GAMMA } from "./quantile-sketch.js";
export { Hll, HLL_LG_K, HLL_REGISTERS } from "./hll.js";
export { binsFromSorted, binSlot, coarseBins } from "./numeric-bins.js";
export { emptySample, mergeSamples, sampleSize } from "./sample.js";
export {
  emptyDataProfile,
  mergeDataProfiles,
  mergeManyDataProfiles,
  mergeDataProfileInto,
  cloneDataProfile,
  type EmptyProfileOptions,
} from "./data-profile.js";
export { buildReferenceProfile, MIN_REFERENCE_SAMPLE, type ReferenceOptions } from "./reference-profile.js";
export {
  createWindowProfiler,
  type ProfiledEvent,
  type WindowProfiler,
  type WindowProfilerOptions,
} from "./window-profiler.js";
export { inferFeatures, type InferFeaturesOptions } from "./infer-features.js";
export {
  encodeDataProfile,
  decodeDataProfile,
  mergeEncodedDataProfiles,
  encodeSample,
  decodeSample,
  encodeReferenceProfile,
  decodeReferenceProfile,
  PROFILE_FORMAT_VERSION,
} from "./profile-codec.js";
export { quantile, variance, missingRate, histogramShares } from "./accessors.js";
