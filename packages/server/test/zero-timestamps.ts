/** The answer with every *_timestamp set to 0, as mlflow-golden.md's <ms> placeholders. */
export function zeroed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(zeroed);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k.endsWith("_timestamp") ? 0 : zeroed(v)]));
}
