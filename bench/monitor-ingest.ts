// Profile throughput of monitoring: builds a reference of R rows × 20 numeric features, feeds N
// synthetic events (20 numeric features, timestamps spread over 24 hourly windows) through the
// window profiler, then encodes 720 hourly window profiles and times decoding and merging them
// all, as a 30-day report does.
// usage: npx tsx bench/monitor-ingest.ts [--events 1000000] [--reference-rows 1000000] [--features 20]
//        [--report-windows 720] [--events-per-window 2000] [--reservoir 1000] [--seed 7]
import type { MonitorFeature } from "@cairn/core";
import {
  buildReferenceProfile,
  createWindowProfiler,
  encodeDataProfile,
  mergeEncodedDataProfiles,
  type DataProfile,
} from "@cairn/monitor";
import { flag } from "./http.js";
import { prng } from "./prng.js";

const events = Number(flag("events", "1000000"));
const referenceRows = Number(flag("reference-rows", "1000000"));
const featureCount = Number(flag("features", "20"));
const reportWindows = Number(flag("report-windows", "720"));
const eventsPerWindow = Number(flag("events-per-window", "2000"));
const reservoir = Number(flag("reservoir", "1000"));
const seed = Number(flag("seed", "7"));
const HOUR = 3_600_000;

const random = prng(seed);
/** A standard normal draw (Box-Muller). */
const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const names = Array.from({ length: featureCount }, (_, i) => `f${i}`);
const features: MonitorFeature[] = names.map((name) => ({ name, kind: "numeric" }));
/** One row: features of varied shape (normal, shifted, scaled, skewed, small integers). */
function row(shift: number): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (let i = 0; i < featureCount; i++) {
    const z = normal();
    const kind = i % 4;
    r[names[i]!] = kind === 0 ? z + shift : kind === 1 ? 100 + 15 * z : kind === 2 ? Math.exp(z) : Math.floor(4 * random());
  }
  return r;
}

const refRows = Array.from({ length: referenceRows }, () => row(0));
let t = performance.now();
const reference = buildReferenceProfile(refRows, features, { reservoirSize: reservoir, seed });
const referenceMs = performance.now() - t;
refRows.length = 0;

const eventList = Array.from({ length: events }, (_, i) => ({
  timestamp_ms: Math.floor((i / events) * 24) * HOUR,
  features: row(0.1),
}));
const profiler = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: reservoir, seed });
t = performance.now();
for (const e of eventList) profiler.add(e);
const ingestMs = performance.now() - t;
const windows = profiler.windows();

// 720 windows of their own, smaller so the setup stays short; a window's size on the wire and
// its merge cost depend on its value range, not on its event count.
const reportProfiler = createWindowProfiler(reference, features, { windowMs: HOUR, reservoirSize: reservoir, seed });
for (let w = 0; w < reportWindows; w++) {
  for (let i = 0; i < eventsPerWindow; i++) reportProfiler.add({ timestamp_ms: w * HOUR + i, features: row(0) });
}
const encoded = [...reportProfiler.windows().values()].map((w) => encodeDataProfile(w.data));
const bytes = encoded.reduce((a, b) => a + b.length, 0);
const runs: number[] = [];
let merged: DataProfile | null = null;
for (let r = 0; r < 5; r++) {
  t = performance.now();
  merged = mergeEncodedDataProfiles(encoded);
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);

const fmt = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
console.log(`reference build     ${fmt(referenceRows)} rows × ${featureCount} features   ${fmt(referenceMs)} ms`);
console.log(`ingest              ${fmt(events)} events × ${featureCount} features   ${fmt((events / ingestMs) * 1000)} events/s (${fmt(ingestMs)} ms, ${windows.size} windows)`);
console.log(`decode + merge      ${reportWindows} windows × ${featureCount} features   median ${runs[2]!.toFixed(1)} ms, best ${runs[0]!.toFixed(1)} ms (${(bytes / reportWindows / 1024).toFixed(0)} KiB per window)`);
if (merged?.events !== reportWindows * eventsPerWindow) throw new Error(`merged ${merged?.events} events, expected ${reportWindows * eventsPerWindow}`);
