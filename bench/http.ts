import http from "node:http";
import { spawnSync } from "node:child_process";

/** Minimal JSON-over-HTTP helpers shared by the bench scripts (plain fetch, keep-alive). */
export async function post<T = any>(base: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${base}/api/2.0/mlflow${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} -> ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function get<T = any>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}/api/2.0/mlflow${path}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} -> ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Creates an experiment with a unique name and returns its id. */
export async function freshExperiment(base: string, prefix: string): Promise<string> {
  const { experiment_id } = await post<{ experiment_id: string }>(base, "/experiments/create", { name: `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  return experiment_id;
}

/** The server URL from argv[2], checked to answer /health. */
export async function serverFromArgs(usage: string): Promise<string> {
  const base = process.argv[2]?.replace(/\/+$/, "");
  if (!base || !/^https?:\/\//.test(base)) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const health = await fetch(`${base}/health`).catch((error: Error) => {
    console.error(`cannot reach ${base}: ${error.message}. Start a server first, e.g. npx cairn server --port 5000`);
    process.exit(2);
  });
  if (!health.ok) throw new Error(`${base}/health answered ${health.status}`);
  return base;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Parses --name value flags. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * POSTs a prepared body with node:http and returns the answer's text. Used where the client's
 * own cost would otherwise dominate the figure (fetch needs milliseconds to decode a large body).
 */
export async function postRaw(base: string, path: string, body: string): Promise<{ status: number; text: string }> {
  const { status, bytes } = await requestRaw("POST", `${base}/api/2.0/mlflow${path}`, body);
  return { status, text: bytes.toString("utf8") };
}

/** GET with node:http, returning the raw answer bytes. */
export function getRaw(base: string, path: string): Promise<{ status: number; bytes: Buffer }> {
  return requestRaw("GET", `${base}/api/2.0/mlflow${path}`);
}

function requestRaw(method: string, target: string, body?: string): Promise<{ status: number; bytes: Buffer }> {
  const url = new URL(target);
  const headers = body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Median time curl takes to receive a GET answer whole (`time_total`), a client whose own cost
 * is negligible; null when curl is not installed. On two shared cores the Node client adds
 * several milliseconds of its own to a multi-megabyte answer.
 */
export function curlMedianMs(url: string, repeat: number): number | null {
  const times: number[] = [];
  for (let i = 0; i < repeat + 2; i++) {
    const run = spawnSync("curl", ["-s", "-o", "/dev/null", "-w", "%{time_total}", url], { encoding: "utf8" });
    if (run.error) return null;
    if (i >= 2) times.push(Number(run.stdout) * 1000);
  }
  return median(times);
}
