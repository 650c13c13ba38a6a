import { startTestServer } from "./harness.js";
const s = await startTestServer();
await s.call("POST", "/api/2.0/mlflow/registered-models/create", { name: "m" });
const run = (await s.call("POST", "/api/2.0/mlflow/runs/create", { experiment_id: "0" })).json.run.info.run_id;
const time = async (label: string, fn: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 200; i++) await fn(i);
  const t = performance.now();
  for (let i = 0; i < 2000; i++) await fn(i);
  console.log(label, ((performance.now() - t) * 1000 / 2000).toFixed(0), "µs/request sequential");
};
await time("GET registered-models/get", () => s.call("GET", "/api/2.0/mlflow/registered-models/get?name=m"));
await time("POST set-tag", (i) => s.call("POST", "/api/2.0/mlflow/registered-models/set-tag", { name: "m", key: `k${i % 50}`, value: "v" }));
await time("POST log-batch 10 metrics", (i) => s.call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: run, metrics: Array.from({ length: 10 }, (_, j) => ({ key: `m${j}`, value: 1, timestamp: 1, step: i })) }));
let t = performance.now();
for (let k = 0; k < 50; k++) await Promise.all(Array.from({ length: 16 }, (_, j) => s.call("POST", "/api/2.0/mlflow/runs/log-batch", { run_id: run, metrics: [{ key: `c${j}`, value: 1, timestamp: 1, step: k }] })));
console.log("16 parallel log-batch", ((performance.now() - t) * 1000 / 800).toFixed(0), "µs/request");
await s.close();
