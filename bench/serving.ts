// Serving throughput and latency: cairn's scoring server against a bare Fastify + onnxruntime-node
// handler, both in child processes, one-row /invocations (dataframe_split JSON) on a 30-feature
// logistic regression, driven by autocannon and by wrk when it is installed.
// usage: node --import tsx bench/serving.ts [--seconds 10] [--rounds 3] [--connections 32] [--log-sample-rate 1]
//   (the script re-runs itself with --role cairn|bare to start each server)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { logisticRegression } from "../packages/serve/test/fixtures/onnx-graph.js";
import { doubleColumns, loadPackage } from "../packages/serve/test/fixtures/model-package.js";
import { createScoringServer } from "@cairn/serve";

/** The part of autocannon's API used here (the package ships no types). */
type Autocannon = (options: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const FEATURES = 30;
const WEIGHTS = Array.from({ length: FEATURES }, (_, i) => ((i % 7) - 3) / 8);
const COLUMNS = doubleColumns(FEATURES).map((c) => c.name);
const ROW = COLUMNS.map((_, i) => Math.round(Math.sin(i + 1) * 1000) / 1000);
const BODY = JSON.stringify({ dataframe_split: { columns: COLUMNS, data: [ROW] } });
const SESSION_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential" } as const;

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

// ---- the servers (child processes) ----

/** Cairn's scoring server with signature checks, headers, metrics and sampled inference logging on. */
async function runCairn(sampleRate: number): Promise<void> {
  const model = await loadPackage({ onnx: logisticRegression(WEIGHTS, 0.5), columns: doubleColumns(FEATURES) }, "bench", "1");
  let logged = 0;
  const server = createScoringServer({
    source: { model },
    logSampleRate: sampleRate,
    // What the CLI's transport does with a batch, minus the network: serialize it.
    sendLogs: async (records) => {
      logged += JSON.stringify({ records }).length > 0 ? records.length : 0;
    },
  });
  const url = await server.listen({ port: 0 });
  process.stdout.write(`listening ${new URL(url).port}\n`);
  process.once("SIGTERM", () => void server.close().then(() => (process.stderr.write(`cairn logged ${logged} records\n`), process.exit(0))));
}

/** The reference: a bare Fastify route around onnxruntime-node, Fastify's own JSON parsing and serialization. */
async function runBare(): Promise<void> {
  const session = await InferenceSession.create(logisticRegression(WEIGHTS, 0.5), SESSION_OPTIONS);
  const app = Fastify({ logger: false });
  app.post("/invocations", async (request) => {
    const rows = (request.body as { dataframe_split: { data: number[][] } }).dataframe_split.data;
    const out = await session.run({ input: new Tensor("float32", Float32Array.from(rows.flat()), [rows.length, FEATURES]) });
    return { predictions: Array.from(out.probability!.data as Float32Array) };
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  process.stdout.write(`listening ${(app.server.address() as AddressInfo).port}\n`);
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

// ---- the driver ----

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU (user + system) per request, in µs, from /proc (Linux); NaN elsewhere. */
  cpuUs: number;
}

interface Server {
  role: string;
  child: ChildProcess;
  port: number;
}

async function startChild(role: string, sampleRate: string): Promise<Server> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--role", role, "--log-sample-rate", sampleRate], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${role} server exited with ${code} before listening`)));
  });
  return { role, child, port };
}

async function stopChild(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

/** The process's CPU time so far in µs (utime + stime of /proc/<pid>/stat), or NaN where there is no /proc. */
function cpuMicros(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / 100); // clock ticks at USER_HZ = 100
}

async function cannon(server: Server, connections: number, seconds: number, overallRate?: number): Promise<Run> {
  const cpu = cpuMicros(server.child.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/invocations`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const cpuUs = (cpuMicros(server.child.pid) - cpu) / result.requests.total;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts, cpuUs };
}

/**
 * A wrk run; with pauseMs, each connection waits that long after every answer (wrk's delay()),
 * which paces the load near connections × 1000 / pauseMs requests a second.
 */
function wrk(server: Server, connections: number, seconds: number, pauseMs?: number): Run | undefined {
  if (!existsSync("/usr/bin/wrk")) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-wrk-"));
  try {
    const script = join(dir, "post.lua");
    writeFileSync(join(dir, "body.json"), BODY);
    writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nlocal f = io.open("${join(dir, "body.json")}", "r")\nwrk.body = f:read("*a")\nf:close()\n${pauseMs ? `function delay() return ${pauseMs} end\n` : ""}`);
    const cpu = cpuMicros(server.child.pid);
    const run = spawnSync("/usr/bin/wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, `http://127.0.0.1:${server.port}/invocations`], { encoding: "utf8" });
    const text = run.stdout;
    const ms = (label: string) => {
      const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)\\b`).exec(text);
      return m ? Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1) : NaN;
    };
    const total = Number(/(\d+) requests in/.exec(text)?.[1] ?? NaN);
    const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0) + (/Socket errors/.test(text) ? 1 : 0);
    return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1]), p50: ms(" 50%"), p99: ms(" 99%"), errors, cpuUs: (cpuMicros(server.child.pid) - cpu) / total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median latency of sequential requests from one keep-alive client, in ms. */
async function oneClientMedian(server: Server, requests: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port: server.port, path: "/invocations", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(BODY) } }, (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(BODY);
    });
    times.push(performance.now() - started);
  }
  agent.destroy();
  return median(times.slice(Math.floor(requests / 10)));
}

/** Median time of one in-process onnxruntime run of the same one-row input, in ms. */
async function ortMedian(runs: number): Promise<number> {
  const session = await InferenceSession.create(logisticRegression(WEIGHTS, 0.5), SESSION_OPTIONS);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await session.run({ input: new Tensor("float32", Float32Array.from(ROW), [1, FEATURES]) });
    times.push(performance.now() - started);
  }
  await session.release();
  return median(times.slice(Math.floor(runs / 10)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The round with the highest throughput: on a shared machine the best round is the least disturbed one. */
function best(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.rps > a.rps ? b : a));
}

async function main(): Promise<void> {
  const role = arg("role", "");
  const sampleRate = arg("log-sample-rate", "1");
  if (role === "cairn") return runCairn(Number(sampleRate));
  if (role === "bare") return runBare();
  const seconds = Number(arg("seconds", "10"));
  const connections = Number(arg("connections", "32"));
  const rounds = Number(arg("rounds", "3"));
  console.log(`serving bench: one-row /invocations, ${FEATURES}-feature logistic regression, ${connections} keep-alive connections, ${rounds} interleaved rounds of ${seconds} s, cairn log sample rate ${sampleRate}`);
  const ort = await ortMedian(20_000);
  const servers = [await startChild("cairn", sampleRate), await startChild("bare", sampleRate)];
  const [cairn, bare] = servers as [Server, Server];
  try {
    for (const server of servers) await cannon(server, connections, 2); // warm-up: JIT, connections
    const saturated = new Map<Server, Run[]>(servers.map((s) => [s, []]));
    const wrkRuns = new Map<Server, Run[]>(servers.map((s) => [s, []]));
    for (let r = 0; r < rounds; r++) {
      for (const server of servers) {
        saturated.get(server)!.push(await cannon(server, connections, seconds));
        const w = wrk(server, connections, seconds);
        if (w) wrkRuns.get(server)!.push(w);
      }
    }
    const rate = Math.round(best(saturated.get(cairn)!).rps / 2);
    const fixed = new Map<Server, Run>();
    const paced = new Map<Server, Run | undefined>();
    // Paced wrk: connections that each wait pauseMs after every answer, about `rate` requests a second in all.
    const pauseMs = 4;
    const pacedConnections = Math.max(1, Math.round((rate * pauseMs) / 1000));
    for (const server of servers) {
      fixed.set(server, await cannon(server, connections, seconds, rate));
      paced.set(server, wrk(server, pacedConnections, seconds, pauseMs));
    }
    const single = new Map<Server, number>();
    const singleWrk = new Map<Server, number | undefined>();
    for (let r = 0; r < rounds; r++) {
      for (const server of servers) {
        // Best of the rounds, as for throughput: the least disturbed one.
        const node = await oneClientMedian(server, 3000);
        single.set(server, Math.min(node, single.get(server) ?? Infinity));
        const w = wrk(server, 1, Math.min(seconds, 3));
        if (w) singleWrk.set(server, Math.min(w.p50, singleWrk.get(server) ?? Infinity));
      }
    }
    const f = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? "-" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
    const pair = (pick: (s: Server) => string): [string, string] => [pick(cairn), pick(bare)];
    const rows: [string, ...[string, string]][] = [
      ["req/s, autocannon (best round)", ...pair((s) => f(best(saturated.get(s)!).rps))],
      ["  all rounds", ...pair((s) => saturated.get(s)!.map((r) => f(r.rps)).join(" "))],
      ["  p50 / p99 latency (ms)", ...pair((s) => `${f(best(saturated.get(s)!).p50, 2)} / ${f(best(saturated.get(s)!).p99, 2)}`)],
      ["  server CPU per request (µs)", ...pair((s) => f(best(saturated.get(s)!).cpuUs))],
      ["req/s, wrk (best round)", ...pair((s) => f(wrkRuns.get(s)!.length ? best(wrkRuns.get(s)!).rps : undefined))],
      ["  all rounds", ...pair((s) => wrkRuns.get(s)!.map((r) => f(r.rps)).join(" "))],
      ["  p50 / p99 latency (ms)", ...pair((s) => (wrkRuns.get(s)!.length ? `${f(best(wrkRuns.get(s)!).p50, 2)} / ${f(best(wrkRuns.get(s)!).p99, 2)}` : "-"))],
      ["  server CPU per request (µs)", ...pair((s) => f(wrkRuns.get(s)!.length ? best(wrkRuns.get(s)!).cpuUs : undefined))],
      [`${f(rate)} req/s (half of cairn's best), autocannon rate limit: p50 / p99 (ms)`, ...pair((s) => `${f(fixed.get(s)!.p50, 2)} / ${f(fixed.get(s)!.p99, 2)}`)],
      [`wrk paced, ${pacedConnections} connections × 1 per ${pauseMs} ms: req/s`, ...pair((s) => f(paced.get(s)?.rps))],
      ["  p50 / p99 latency (ms)", ...pair((s) => (paced.get(s) ? `${f(paced.get(s)!.p50, 2)} / ${f(paced.get(s)!.p99, 2)}` : "-"))],
      ["one client (wrk -c1), median latency (µs)", ...pair((s) => f(singleWrk.has(s) ? singleWrk.get(s)! * 1000 : undefined))],
      ["  minus in-process ORT median: server overhead (µs)", ...pair((s) => f(singleWrk.has(s) ? (singleWrk.get(s)! - ort) * 1000 : undefined))],
      ["one client (node:http keep-alive), median (µs)", ...pair((s) => f(single.get(s)! * 1000))],
      ["  minus in-process ORT median (µs)", ...pair((s) => f((single.get(s)! - ort) * 1000))],
      ["server CPU per request at saturation minus ORT (µs)", ...pair((s) => f(best(saturated.get(s)!).cpuUs - ort * 1000))],
      ["errors (non-2xx, socket)", ...pair((s) => f([...saturated.get(s)!, ...wrkRuns.get(s)!, fixed.get(s)!, ...(paced.get(s) ? [paced.get(s)!] : [])].reduce((sum, r) => sum + r.errors, 0)))],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    const colA = Math.max(14, ...rows.map((r) => r[1].length));
    const colB = Math.max(16, ...rows.map((r) => r[2].length));
    console.log(`\n${"".padEnd(width)}  ${"cairn serve".padStart(colA)}  ${"bare Fastify+ORT".padStart(colB)}`);
    for (const [label, a, b] of rows) console.log(`${label.padEnd(width)}  ${a.padStart(colA)}  ${b.padStart(colB)}`);
    console.log(`\nin-process onnxruntime run, median: ${f(ort * 1000)} µs`);
    console.log(`cairn's throughput as a share of the bare handler's (best autocannon rounds): ${f((best(saturated.get(cairn)!).rps / best(saturated.get(bare)!).rps) * 100, 1)}%`);
    if (singleWrk.has(cairn)) console.log(`cairn's one-client latency over the bare handler's (wrk -c1 medians): ${f((singleWrk.get(cairn)! - singleWrk.get(bare)!) * 1000)} µs`);
  } finally {
    for (const server of servers) await stopChild(server);
  }
}

await main();
