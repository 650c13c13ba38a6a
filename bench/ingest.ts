// Ingest throughput through runs/log-batch, 1000 metrics per call, with 1 and 4 client processes.
// usage: npx tsx bench/ingest.ts http://127.0.0.1:5000 [--clients 1,4] [--seconds 10]
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { flag, freshExperiment, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/ingest.ts <server-url> [--clients 1,4] [--seconds 10]");
const seconds = Number(flag("seconds", "10"));
const clientCounts = flag("clients", "1,4").split(",").map(Number);
const clientScript = fileURLToPath(new URL("./ingest-client.ts", import.meta.url));

for (const clients of clientCounts) {
  const experimentId = await freshExperiment(base, "bench-ingest");
  const children = Array.from({ length: clients }, () => fork(clientScript, [base, experimentId, String(seconds)], { execArgv: ["--import", "tsx"] }));
  await Promise.all(children.map((child) => new Promise((resolve) => child.once("message", resolve))));
  const started = performance.now();
  for (const child of children) child.send("go");
  const counts = await Promise.all(children.map((child) => new Promise<number>((resolve) => child.once("message", (n) => resolve(Number(n))))));
  const elapsed = (performance.now() - started) / 1000;
  const points = counts.reduce((a, b) => a + b, 0);
  console.log(`ingest clients=${clients} points=${points} seconds=${elapsed.toFixed(2)} points/s=${Math.round(points / elapsed)}`);
}
