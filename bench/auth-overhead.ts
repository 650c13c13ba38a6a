// What token authentication costs: the same workload against two fresh servers, one with auth
// off and one with `--auth` and a regular user's Bearer token, in the same run, rounds interleaved so that
// drift in the machine's load falls on both alike.
//   ingest: runs/log-batch with 1,000 metrics per call (points/s), and one-metric
//           runs/log-metric calls (requests/s), where per-request costs show most;
//   search: median runs/search latency over 1,000 runs, max_results 1,000 and 10, the two
//           servers' requests alternating one by one.
// usage: npx tsx bench/auth-overhead.ts [--seconds 5] [--rounds 3] [--backend sqlite|postgres]
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { flag, median } from "./http.js";

const seconds = Number(flag("seconds", "5"));
const rounds = Number(flag("rounds", "3"));
const backend = flag("backend", "sqlite");
const ADMIN = { username: "bench-admin", password: "bench-password-1234" };

interface Target {
  name: "off" | "token";
  base: string;
  headers: Record<string, string>;
  child: ChildProcess;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(target: Target, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(`${target.base}${path}`);
  const headers: Record<string, string | number> = { ...target.headers };
  if (body !== undefined) Object.assign(headers, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function call<T = any>(target: Target, path: string, body: unknown): Promise<T> {
  const answer = await request(target, "POST", `/api/2.0/${path}`, JSON.stringify(body));
  if (answer.status !== 200) throw new Error(`${target.name} ${path} -> ${answer.status} ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as T;
}

async function storeUri(name: string): Promise<string> {
  if (backend === "sqlite") return `sqlite:///${join(mkdtempSync(join(tmpdir(), "cairn-auth-bench-")), `${name}.db`)}`;
  const db = `cairn_auth_bench_${name}_${process.pid}`;
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" });
  await client.connect();
  await client.query(`drop database if exists ${db}`);
  await client.query(`create database ${db}`);
  await client.end();
  return `postgresql://postgres@127.0.0.1:5432/${db}`;
}

async function startTarget(name: Target["name"], port: number): Promise<Target> {
  const serve = fileURLToPath(new URL("./serve.ts", import.meta.url));
  const args = [serve, await storeUri(name), String(port), ...(name === "token" ? ["--auth"] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, CAIRN_ADMIN_USERNAME: ADMIN.username, CAIRN_ADMIN_PASSWORD: ADMIN.password },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("bench server on") && resolve());
    child.once("exit", (code) => reject(new Error(`server ${name} exited with ${code}`)));
  });
  const target: Target = { name, base: `http://127.0.0.1:${port}`, headers: {}, child };
  if (name === "token") {
    target.headers = { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}` };
    // A regular user, not the admin (admins skip the permission checks): it creates the
    // experiments it writes to, so it holds MANAGE on them as their creator.
    await call(target, "cairn/users/create", { username: "bench-user", password: "bench-user-password-1234" });
    const { secret } = await call<{ secret: string }>(target, "cairn/tokens/create", { name: "bench", username: "bench-user" });
    target.headers = { authorization: `Bearer ${secret}` };
  }
  return target;
}

async function newRun(target: Target, experimentId: string): Promise<string> {
  return (await call<{ run: { info: { run_id: string } } }>(target, "mlflow/runs/create", { experiment_id: experimentId })).run.info.run_id;
}

/** points/s of 1,000-metric log-batch calls for `seconds`. */
async function ingestBatches(target: Target, experimentId: string): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let points = 0;
  while (performance.now() < deadline) {
    const runId = await newRun(target, experimentId);
    for (let b = 0; b < 50 && performance.now() < deadline; b++) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: `m${i % 10}`, value: i / 1000, timestamp: 1_700_000_000_000 + b, step: b * 100 + Math.floor(i / 10) }));
      await call(target, "mlflow/runs/log-batch", { run_id: runId, metrics });
      points += 1000;
    }
  }
  return points / ((performance.now() - started) / 1000);
}

/** requests/s of one-metric log-metric calls for `seconds`. */
async function ingestSingles(target: Target, experimentId: string): Promise<number> {
  const runId = await newRun(target, experimentId);
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let calls = 0;
  while (performance.now() < deadline) {
    await call(target, "mlflow/runs/log-metric", { run_id: runId, key: "loss", value: 1 / (calls + 1), timestamp: 1_700_000_000_000 + calls, step: calls });
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

async function seedSearch(target: Target): Promise<string> {
  const { experiment_id } = await call<{ experiment_id: string }>(target, "mlflow/experiments/create", { name: `search-${Date.now()}` });
  for (let i = 0; i < 1000; i++) {
    const runId = await newRun(target, experiment_id);
    const params = Array.from({ length: 10 }, (_, p) => ({ key: `p${p}`, value: p === 1 ? "x" : `value-${p}-${i % 97}` }));
    const metrics = Array.from({ length: 10 }, (_, m) => ({ key: `m${m}`, value: m === 1 ? 0.5 + ((i % 499) + 1) / 1000 : (i % 1000) / 1000, timestamp: 1_700_000_000_000 + i, step: 0 }));
    await call(target, "mlflow/runs/log-batch", { run_id: runId, params, metrics });
  }
  return experiment_id;
}

/**
 * runs/search latency in ms on each target, requests alternating between them one by one (so
 * that a slow moment of the machine falls on both alike), 200 timed per target after warm-up.
 */
async function searchLatencies(targets: Target[], experimentIds: Map<Target, string>, maxResults: number): Promise<Map<Target, number[]>> {
  const times = new Map(targets.map((t) => [t, [] as number[]]));
  for (let i = 0; i < 210; i++) {
    for (const target of i % 2 === 0 ? targets : [...targets].reverse()) {
      const body = JSON.stringify({ experiment_ids: [experimentIds.get(target)!], filter: "metrics.m1 > 0.5 and params.p1 = 'x'", max_results: maxResults });
      const t = performance.now();
      const answer = await request(target, "POST", "/api/2.0/mlflow/runs/search", body);
      if (answer.status !== 200) throw new Error(`${target.name} runs/search -> ${answer.status}`);
      if (i >= 10) times.get(target)!.push(performance.now() - t);
    }
  }
  return times;
}

const targets = [await startTarget("off", 5291), await startTarget("token", 5292)];
try {
  const experiments = new Map<Target, string>();
  const searchExperiments = new Map<Target, string>();
  for (const t of targets) {
    experiments.set(t, (await call<{ experiment_id: string }>(t, "mlflow/experiments/create", { name: `ingest-${Date.now()}` })).experiment_id);
    searchExperiments.set(t, await seedSearch(t));
  }
  const figures = new Map<string, number[]>();
  const record = (key: string, value: number) => figures.set(key, [...(figures.get(key) ?? []), value]);
  for (let round = 0; round < rounds; round++) {
    // Alternate which server goes first, so neither always runs on a warmer machine.
    for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
      record(`${t.name} batch points/s`, await ingestBatches(t, experiments.get(t)!));
      record(`${t.name} log-metric calls/s`, await ingestSingles(t, experiments.get(t)!));
    }
    for (const maxResults of [1000, 10]) {
      for (const [t, times] of await searchLatencies(targets, searchExperiments, maxResults)) record(`${t.name} search ${maxResults} ms`, median(times));
    }
    console.error(`round ${round + 1}/${rounds} done`);
  }
  for (const [label, higherIsBetter] of [
    ["batch points/s", true],
    ["log-metric calls/s", true],
    ["search 1000 ms", false],
    ["search 10 ms", false],
  ] as const) {
    const off = median(figures.get(`off ${label}`)!);
    const on = median(figures.get(`token ${label}`)!);
    const cost = higherIsBetter ? (off - on) / off : (on - off) / off;
    const fmt = (v: number) => (label.endsWith("ms") ? v.toFixed(2) : Math.round(v).toString());
    console.log(`auth-overhead backend=${backend} ${label.replace(/ /g, "_")} off=${fmt(off)} token=${fmt(on)} cost=${(cost * 100).toFixed(1)}%`);
  }
} finally {
  for (const t of targets) t.child.kill("SIGTERM");
}
