// Registry search latency: registered-models/search over N models and model-versions/search
// over N versions (one version per model), median of repeated calls, each filtered the way the
// MLflow 3 client sends it (with its prompt-exclusion clause).
// usage: npx tsx bench/registry.ts http://127.0.0.1:5000 [--models 10000] [--repeat 30]
import { curlMedianMs, flag, getRaw, median, post, serverFromArgs } from "./http.js";

const base = await serverFromArgs("npx tsx bench/registry.ts <server-url> [--models 10000] [--repeat 30]");
const models = Number(flag("models", "10000"));
const repeat = Number(flag("repeat", "30"));
const prefix = `bench-${Date.now()}`;

const seedStart = performance.now();
let next = 0;
const worker = async () => {
  while (next < models) {
    const i = next++;
    const name = `${prefix}-${String(i).padStart(6, "0")}`;
    await post(base, "/registered-models/create", { name, tags: [{ key: "team", value: i % 2 ? "vision" : "nlp" }] });
    await post(base, "/model-versions/create", { name, source: `mlflow-artifacts:/0/${i}/artifacts/model`, tags: [{ key: "stage", value: "candidate" }] });
  }
};
await Promise.all(Array.from({ length: 8 }, worker));
console.error(`seeded ${models} models and versions in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
// A server folds its write-ahead log into the database file after a second without writes;
// the searches are timed after that, as they would run between bursts of registrations.
await new Promise((resolve) => setTimeout(resolve, 2000));

const prompt = "tag.`mlflow.prompt.is_prompt` != 'true'";
async function timed(path: string): Promise<{ ms: number; count: number; bytes: number }> {
  const times: number[] = [];
  let answer: Buffer = Buffer.alloc(0);
  for (let i = 0; i < repeat + 3; i++) {
    const t = performance.now();
    const { status, bytes } = await getRaw(base, path);
    // Timed until the last byte arrives; decoding the answer is the client's work, not the server's.
    if (i >= 3) times.push(performance.now() - t);
    if (status !== 200) throw new Error(`${path} answered ${status}: ${bytes.toString("utf8", 0, 300)}`);
    answer = bytes;
  }
  const text = answer.toString("utf8");
  const json = JSON.parse(text) as Record<string, unknown[] | undefined>;
  const count = (json.registered_models ?? json.model_versions ?? []).length;
  return { ms: median(times), count, bytes: text.length };
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const cases: [string, string][] = [
  ["registered-models default page", `/registered-models/search?${q({ filter: `name LIKE '${prefix}%' AND ${prompt}` })}`],
  ["registered-models max_results=1000", `/registered-models/search?${q({ filter: `name LIKE '${prefix}%' AND ${prompt}`, max_results: "1000" })}`],
  ["model-versions all (name LIKE filter)", `/model-versions/search?${q({ filter: `name LIKE '${prefix}%'`, max_results: String(models) })}`],
  // MLflow's default call: no filter, default order. On a fresh server this is the same set.
  ["model-versions all (no filter)", `/model-versions/search?${q({ max_results: String(models) })}`],
  ["model-versions one name", `/model-versions/search?${q({ filter: `name = '${prefix}-000042'` })}`],
];
for (const [label, path] of cases) {
  const { ms, count, bytes } = await timed(path);
  const curl = curlMedianMs(`${base}/api/2.0/mlflow${path}`, repeat);
  console.log(`registry ${label}: models=${models} returned=${count} bytes=${bytes} median_ms=${ms.toFixed(2)}${curl === null ? "" : ` curl_median_ms=${curl.toFixed(2)}`}`);
}
