import type { Run } from "@cairn/core";

/** A param, metric or tag that can be an axis or a row: id is "param:lr", "metric:loss", "tag:team". */
export interface CompareField {
  id: string;
  kind: "param" | "metric" | "tag";
  name: string;
  /** One value per run, in the runs' order; undefined where a run lacks it. */
  values: (string | number | undefined)[];
}

/** Every param, metric (latest value) and tag of the runs, as fields in a stable order. */
export function compareFields(runs: readonly Run[]): CompareField[] {
  const fields = new Map<string, CompareField>();
  const put = (kind: CompareField["kind"], name: string, runIndex: number, value: string | number) => {
    const id = `${kind}:${name}`;
    let field = fields.get(id);
    if (!field) fields.set(id, (field = { id, kind, name, values: runs.map(() => undefined) }));
    field.values[runIndex] = value;
  };
  runs.forEach((run, i) => {
    for (const p of run.data.params ?? []) put("param", p.key, i, p.value);
    for (const m of run.data.metrics ?? []) put("metric", m.key, i, m.value);
    for (const t of run.data.tags ?? []) if (!t.key.startsWith("mlflow.")) put("tag", t.key, i, t.value);
  });
  const order = { param: 0, metric: 1, tag: 2 };
  return [...fields.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

/** Whether the runs disagree on a field (a missing value counts as different). */
export function differs(field: CompareField): boolean {
  const shown = field.values.map((v) => (v === undefined ? "\u0000missing" : String(v)));
  return new Set(shown).size > 1;
}

/** Metric keys every run has, and the others some runs have. */
export function splitMetricKeys(runs: readonly Run[]): { common: string[]; other: string[] } {
  const counts = new Map<string, number>();
  for (const run of runs) for (const m of run.data.metrics ?? []) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
  const keys = [...counts.keys()].sort();
  return { common: keys.filter((k) => counts.get(k) === runs.length), other: keys.filter((k) => counts.get(k) !== runs.length) };
}

/** A field's label for axes and selects: "lr (param)". */
export function fieldLabel(field: CompareField): string {
  return `${field.name} (${field.kind})`;
}
