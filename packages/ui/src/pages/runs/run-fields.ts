import type { Run } from "@cairn/core";
import { TAG } from "../../run-tags";

/** A run with its params, latest metrics and tags as lookups, built once per run object. */
export interface IndexedRun {
  id: string;
  run: Run;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  parentId: string | undefined;
}

// Pages are immutable once fetched, so a run object is indexed once however often the table renders.
const cache = new WeakMap<Run, IndexedRun>();

/** The lookups of one run (cached per run object). */
export function indexRun(run: Run): IndexedRun {
  const hit = cache.get(run);
  if (hit) return hit;
  const params: Record<string, string> = {};
  const metrics: Record<string, number> = {};
  const tags: Record<string, string> = {};
  for (const p of run.data.params ?? []) params[p.key] = p.value;
  for (const m of run.data.metrics ?? []) metrics[m.key] = m.value;
  for (const t of run.data.tags ?? []) tags[t.key] = t.value;
  const parent = tags[TAG.parentRunId];
  const indexed: IndexedRun = { id: run.info.run_id, run, params, metrics, tags, parentId: parent && parent !== run.info.run_id ? parent : undefined };
  cache.set(run, indexed);
  return indexed;
}

/** The param, metric and tag keys present in the runs, each sorted; MLflow's own tags left out. */
export function collectKeys(runs: readonly IndexedRun[]): { params: string[]; metrics: string[]; tags: string[] } {
  const params = new Set<string>();
  const metrics = new Set<string>();
  const tags = new Set<string>();
  for (const r of runs) {
    for (const k in r.params) params.add(k);
    for (const k in r.metrics) metrics.add(k);
    for (const k in r.tags) if (!k.startsWith("mlflow.")) tags.add(k);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return { params: sorted(params), metrics: sorted(metrics), tags: sorted(tags) };
}
