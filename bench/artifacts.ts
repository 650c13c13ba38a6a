// Artifact upload and download through the mlflow-artifacts proxy: MB/s each way for one large
// file generated on the fly (never held in memory), and, given the server's pid, the server's
// peak resident memory during the transfers (read from /proc).
// usage: npx tsx bench/artifacts.ts http://127.0.0.1:5000 [--mb 1024] [--server-pid PID]
import http from "node:http";
import { readFileSync } from "node:fs";
import { flag, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/artifacts.ts <server-url> [--mb 1024] [--server-pid PID]");
const megabytes = Number(flag("mb", "1024"));
const serverPid = flag("server-pid", "");
const bytes = megabytes * 1024 * 1024;
const path = `bench/${Date.now()}/blob.bin`;
const url = new URL(`${base}/api/2.0/mlflow-artifacts/artifacts/${path}`);
const CHUNK = Buffer.alloc(1024 * 1024, 0x5a);

/** The server's resident memory in bytes, from /proc (0 without a pid). */
const serverRss = () => Number(/VmRSS:\s+(\d+) kB/.exec(serverPid ? readFileSync(`/proc/${serverPid}/status`, "utf8") : "")?.[1] ?? 0) * 1024;
const rssBefore = serverRss();
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverRss())), 50);

/** Sends `bytes` bytes of a repeated 1 MiB chunk as the request body, honouring backpressure. */
function upload(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "PUT", headers: { "content-length": bytes } }, (response) => {
      response.resume();
      response.on("end", () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`upload answered ${response.statusCode}`))));
    });
    request.on("error", reject);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const chunk = bytes - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, bytes - sent);
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

/** Reads the file back, counting bytes without keeping them. */
function download(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let received = 0;
      response.on("data", (c: Buffer) => (received += c.length));
      response.on("end", () => (received === bytes ? resolve(performance.now() - started) : reject(new Error(`received ${received} of ${bytes} bytes`))));
    }).on("error", reject);
  });
}

const up = await upload();
const down = await download();
clearInterval(sampler);
const rate = (ms: number) => (megabytes / (ms / 1000)).toFixed(0);
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
const memory = serverPid ? ` server_rss_mb_before=${mb(rssBefore)} server_rss_mb_peak=${mb(peakRss)}` : "";
console.log(`artifacts mb=${megabytes} upload_mb_per_s=${rate(up)} download_mb_per_s=${rate(down)}${memory}`);
await fetch(`${base}/api/2.0/mlflow-artifacts/artifacts/${path.split("/").slice(0, 2).join("/")}`, { method: "DELETE" });
