// Drift report speed: a 1,000,000-row × 20-feature reference against 1,000,000 current rows.
// Prints, for Cairn: the reference profile build, the ingest of the current rows into hourly
// window profiles (events/s), the report from the stored profiles, and their sum (raw rows to
// report); then the same report with plain scipy calls (ks_2samp and wasserstein_distance per
// feature, Evidently's default methods' core) on the same data, and how far Cairn's sketch-based
// statistics are from scipy's exact ones. Finally a report over 720 hourly windows through a real
// server on SQLite (GET monitors/report, median of 5).
// usage: node --import tsx bench/monitor-drift.ts [--rows 1000000] [--features 20] [--windows 720] [--no-scipy]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildMonitorReference,
  datasetDrift,
  ingestDeltas,
  mergeStoredWindows,
  prepareEvents,
  resolveMonitorConfig,
} from "@cairn/monitor";
import { startEphemeralServer } from "@cairn/server/testing";
import { flag, median } from "./http.js";
import { prng } from "./prng.js";

const rows = Number(flag("rows", "1000000"));
const featureCount = Number(flag("features", "20"));
const windowCount = Number(flag("windows", "720"));
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

const names = Array.from({ length: featureCount }, (_, j) => `f${j}`);
/** Feature-major columns; features 0..4 of the current data drift (shift of 0.1·j σ, j = 1..5). */
function columns(seed: number, drift: boolean): Float64Array[] {
  const random = prng(seed);
  return names.map((_, j) => {
    const col = new Float64Array(rows);
    const shift = drift && j < 5 ? 0.1 * (j + 1) : 0;
    for (let i = 0; i < rows; i++) col[i] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()) * (1 + j) + 10 * j + shift * (1 + j);
    return col;
  });
}
const toRows = (cols: Float64Array[], n = rows) =>
  Array.from({ length: n }, (_, i) => {
    const r: Record<string, number> = {};
    for (let j = 0; j < featureCount; j++) r[names[j]!] = cols[j]![i]!;
    return r;
  });

const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const out = fn();
  return [out, performance.now() - start];
};

if (process.argv.includes("--server-part")) {
  await serverPart();
  process.exit(0);
}

const referenceCols = columns(1, false);
const currentCols = columns(2, true);
const referenceRows = toRows(referenceCols);
const currentRows = toRows(currentCols);
const config = resolveMonitorConfig({ features: names.map((name) => ({ name, kind: "numeric" as const })), window_ms: HOUR });

const [reference, referenceMs] = time(() => buildMonitorReference(referenceRows, config, { seed: 1 }));
const events = currentRows.map((features, i) => ({ timestamp_ms: T0 + Math.floor((i / rows) * 24) * HOUR, features }));
const prepared = prepareEvents(events, config, T0 + 25 * HOUR);
const all = prepared.events.map((_, i) => i);
const [deltas, ingestMs] = time(() => ingestDeltas(reference, config, prepared.events, all));
const stored = deltas.windows.map((w) => ({ window_start_ms: w.window_start_ms, events: w.events, profile: w.profile, updated_at: 0 }));
const reportRuns: number[] = [];
let drift: ReturnType<typeof datasetDrift> | undefined;
for (let run = 0; run < 5; run++) {
  const [d, ms] = time(() => {
    const merged = mergeStoredWindows(reference, config, stored);
    return datasetDrift(reference.profile, merged.data, undefined, config);
  });
  drift = d;
  reportRuns.push(ms);
}
const reportMs = median(reportRuns);

console.log(`drift report, ${rows.toLocaleString()} current rows × ${featureCount} numeric features vs a ${rows.toLocaleString()}-row reference (Cairn)`);
console.log(`  reference profile build      ${(referenceMs / 1000).toFixed(2)} s (computed once, when the monitor is created)`);
console.log(`  ingest into 24 hourly windows ${(ingestMs / 1000).toFixed(2)} s = ${Math.round(rows / (ingestMs / 1000)).toLocaleString()} events/s`);
console.log(`  report from stored profiles   ${reportMs.toFixed(1)} ms (decode 24 windows, merge, 20 drift tests; median of 5)`);
console.log(`  raw rows to report, in all    ${((referenceMs + ingestMs + reportMs) / 1000).toFixed(2)} s`);
console.log(`  drifted features: ${drift!.features.filter((f) => f.drifted).map((f) => f.feature).join(", ")}`);

if (!process.argv.includes("--no-scipy")) {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-drift-"));
  const dump = (cols: Float64Array[]) => Buffer.concat(cols.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  writeFileSync(join(dir, "reference.f64"), dump(referenceCols));
  writeFileSync(join(dir, "current.f64"), dump(currentCols));
  const py = spawnSync("python3", [new URL("./monitor-drift-scipy.py", import.meta.url).pathname, dir, String(rows), String(featureCount)], { encoding: "utf8", maxBuffer: 1 << 26 });
  rmSync(dir, { recursive: true, force: true });
  if (py.status !== 0) console.log(`scipy reference could not run: ${py.stderr.trim().split("\n").at(-1)}`);
  else {
    const scipy = JSON.parse(py.stdout.trim().split("\n").at(-1)!) as { seconds: number; wasserstein: number[]; ks: number[] };
    const diffs = drift!.features.map((f, j) => Math.abs((f.statistic ?? NaN) - scipy.wasserstein[j]!));
    console.log(`plain scipy (ks_2samp + wasserstein_distance per feature, data already in numpy): ${scipy.seconds.toFixed(2)} s`);
    console.log(`  Cairn's W1/σ from profiles vs scipy's exact: max |Δ| ${Math.max(...diffs).toExponential(2)} (values ${Math.min(...scipy.wasserstein).toFixed(3)}–${Math.max(...scipy.wasserstein).toFixed(3)})`);
  }
}


const child = spawnSync(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, "--server-part", "--rows", String(Math.max(20_000, windowCount * 200)), "--features", String(featureCount), "--windows", String(windowCount)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(child.stdout);

// 720 hourly windows through the server: the 30-day report, in a child process of its own, so
// the server's heap is a server's and not this script's million-row arrays.
async function serverPart(): Promise<void> {
const currentRows = toRows(columns(2, true).map((c) => c.subarray(0, windowCount * 200)), windowCount * 200);
const referenceRows = toRows(columns(1, false).map((c) => c.subarray(0, 20_000)), 20_000);
const server = await startEphemeralServer({ clock: () => T0 + (windowCount + 1) * HOUR });
try {
  const sampleRows = referenceRows;
  const created = await fetch(`${server.url}/api/2.0/cairn/monitors/create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "bench", model_name: "bench", config: { window_ms: HOUR, features: names.map((name) => ({ name, kind: "numeric" })) }, reference_rows: sampleRows }) });
  if (!created.ok) throw new Error(`create: ${await created.text()}`);
  const perWindow = 200;
  const ingestStart = performance.now();
  let sent = 0;
  for (let w = 0; w < windowCount; w += 50) {
    const batch = [];
    for (let k = w; k < Math.min(windowCount, w + 50); k++) for (let e = 0; e < perWindow; e++) batch.push({ timestamp_ms: T0 + k * HOUR + e, features: currentRows[k * perWindow + e]! });
    const r = await fetch(`${server.url}/api/2.0/cairn/monitors/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "bench", events: batch }) });
    if (!r.ok) throw new Error(`ingest: ${await r.text()}`);
    sent += batch.length;
  }
  const apiIngestS = (performance.now() - ingestStart) / 1000;
  const url = `${server.url}/api/2.0/cairn/monitors/report?name=bench&start_time_ms=${T0}&end_time_ms=${T0 + windowCount * HOUR}`;
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    const r = await fetch(url);
    const body = (await r.json()) as { windows: number };
    if (body.windows !== windowCount) throw new Error(`report covered ${body.windows} windows`);
    if (i > 0) times.push(performance.now() - start);
  }
  console.log(`report over ${windowCount} hourly windows (server, SQLite, HTTP): ${median(times).toFixed(1)} ms median of 5 (after one warm-up)`);
  console.log(`  (API ingest of those ${sent.toLocaleString()} events without request ids, 50 windows per call: ${Math.round(sent / apiIngestS).toLocaleString()} events/s)`);
  // Events as a service sends them: in time order, with request ids (kept for late labels), 10,000 per call.
  const ordered = Array.from({ length: 100_000 }, (_, i) => ({ request_id: `req-${i}`, timestamp_ms: T0 + Math.floor(i / 25_000) * HOUR + i, features: currentRows[i % currentRows.length]! }));
  const bodies = Array.from({ length: 10 }, (_, b) => JSON.stringify({ name: "bench", events: ordered.slice(b * 10_000, (b + 1) * 10_000) }));
  const orderedStart = performance.now();
  for (const body of bodies) {
    const r = await fetch(`${server.url}/api/2.0/cairn/monitors/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body });
    if (!r.ok) throw new Error(`ingest: ${await r.text()}`);
  }
  console.log(`API ingest, 100,000 time-ordered events with request ids (10,000 per call, JSON already built): ${Math.round(100_000 / ((performance.now() - orderedStart) / 1000)).toLocaleString()} events/s`);
} finally {
  await server.close();
}
}
