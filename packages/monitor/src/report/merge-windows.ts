import type { MonitorConfig } from "@cairn/core";
import { emptyModelStats, mergeModelStats, type ModelStats } from "../performance/index.js";
import { emptyDataProfile, mergeManyDataProfiles, mergeSamples, type DataProfile, type Sample } from "../profile/index.js";
import type { MonitorReference } from "../reference/monitor-reference.js";
import type { MonitorWindow } from "../window/monitor-window.js";

/** A range of windows folded into one: what reports compare with the reference. */
export interface MergedWindows {
  data: DataProfile;
  model: ModelStats;
  sample?: Sample;
}

/** Merges windows (none gives an empty profile); samples only when every window carried one. */
export function mergeWindows(reference: MonitorReference, config: MonitorConfig, windows: readonly MonitorWindow[]): MergedWindows {
  const data = mergeManyDataProfiles(windows.map((w) => w.data)) ?? emptyDataProfile(config.features, { bins: reference.profile.bins });
  let model = emptyModelStats(config.task);
  for (const w of windows) model = mergeModelStats(model, w.model);
  let sample: Sample | undefined;
  if (windows.length > 0 && windows.every((w) => w.sample)) sample = windows.slice(1).reduce((s, w) => mergeSamples(s, w.sample!), windows[0]!.sample!);
  return { data, model, ...(sample ? { sample } : {}) };
}
