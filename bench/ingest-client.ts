// One ingest client process: creates a run, then posts pre-encoded 1000-metric log-batch bodies
// to it until the deadline, starting a new run every 50 batches so no point is a duplicate.
// node:http with a keep-alive agent costs the client far less CPU than fetch, and the client
// shares the machine's two cores with the server.
import http from "node:http";
import { post } from "./http.js";

const [base, experimentId, seconds] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
const BATCHES_PER_RUN = 50;
const METRICS_PER_BATCH = 1000;
const PLACEHOLDER = "R".repeat(32);

const bodies: [Buffer, Buffer][] = [];
for (let b = 0; b < BATCHES_PER_RUN; b++) {
  const metrics = [];
  for (let i = 0; i < METRICS_PER_BATCH; i++) {
    metrics.push({ key: `m${i % 10}`, value: Math.random(), timestamp: 1_700_000_000_000 + b, step: b * 100 + Math.floor(i / 10) });
  }
  const [head, tail] = JSON.stringify({ run_id: PLACEHOLDER, metrics }).split(PLACEHOLDER) as [string, string];
  bodies.push([Buffer.from(head), Buffer.from(tail)]);
}

const url = new URL(`${base}/api/2.0/mlflow/runs/log-batch`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function logBatch(runId: string, [head, tail]: [Buffer, Buffer]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": head.length + 32 + tail.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`log-batch ${response.statusCode} ${Buffer.concat(chunks)}`))));
      },
    );
    request.on("error", reject);
    request.write(head);
    request.write(runId);
    request.end(tail);
  });
}

process.send?.("ready");
process.once("message", async () => {
  const deadline = performance.now() + seconds * 1000;
  let points = 0;
  while (performance.now() < deadline) {
    const run = await post<{ run: { info: { run_id: string } } }>(base, "/runs/create", { experiment_id: experimentId });
    for (const body of bodies) {
      if (performance.now() >= deadline) break;
      await logBatch(run.run.info.run_id, body);
      points += METRICS_PER_BATCH;
    }
  }
  process.send?.(points);
  process.exit(0);
});
