// What of a request's input the audit entry keeps: fields that say which thing was changed and
// how (ids, names, keys, version, alias, stage, level, principal...), never values that could
// be secrets, and never more than a few KB however large the request was.

/** Input fields kept in an entry's summary, besides every `*_id` and `*_ids`. */
const IDENTIFYING = new Set([
  "id", "run_uuid", "name", "new_name", "run_name", "key", "version", "alias", "aliases", "stage", "stages", "level",
  "principal", "principal_type", "resource_type", "resource_id", "username", "is_admin", "disabled", "read_only",
  "status", "archive_existing_versions", "model_name", "model_uri", "target", "kind", "rule", "action", "dry_run",
  "path", "four_eyes", "expires_in_days", "older_than_days", "days", "keep", "schedule_hours", "percent", "part_number",
]);

const MAX_STRING = 256;
const MAX_ARRAY = 20;
const MAX_DEPTH = 3;
/** Bytes of summary JSON an entry keeps at most; further fields are dropped and `truncated` set. */
export const MAX_SUMMARY_JSON = 4096;

/** A Cairn API token (`cairn_<token_id>_<random>`), wherever it turns up. */
const TOKEN_VALUE = /^cairn_[A-Za-z0-9]+_[A-Za-z0-9_-]{8,}$/;

/** Field names whose values are never recorded: passwords, secrets, tokens, credentials, headers. */
export function isSecretField(key: string): boolean {
  return /password|secret|authorization|cookie|credential|api_key/i.test(key) || /^(.*_)?token$/i.test(key);
}

/** The identifying fields of a request's input (query, path parameters and JSON body). */
export function summaryFromInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(IDENTIFYING.has(key) || /_ids?$/.test(key)) || isSecretField(key)) continue;
    const clean = scalarOrList(value);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

/** Merges a handler's refinement over the derived summary, removes secrets at every depth and caps the size. */
export function finalSummary(derived: Record<string, unknown>, refinement: Record<string, unknown> | undefined): Record<string, unknown> {
  const merged = sanitizeObject({ ...derived, ...(refinement ?? {}) }, 0);
  if (JSON.stringify(merged).length <= MAX_SUMMARY_JSON) return merged;
  const kept: Record<string, unknown> = { truncated: true };
  for (const [key, value] of Object.entries(merged)) {
    kept[key] = value;
    if (JSON.stringify(kept).length > MAX_SUMMARY_JSON) delete kept[key];
  }
  return kept;
}

function scalarOrList(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY).map(scalar);
    return items.every((v) => v !== undefined) ? items : undefined;
  }
  return scalar(value);
}

function scalar(value: unknown): unknown {
  if (typeof value === "string") return cleanString(value);
  if (typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  return undefined;
}

function cleanString(value: string): string {
  if (TOKEN_VALUE.test(value)) return "[redacted]";
  return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
}

function sanitizeObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isSecretField(key)) continue;
    const clean = sanitize(v, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function sanitize(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return depth > MAX_DEPTH ? undefined : value.slice(0, MAX_ARRAY).map((v) => sanitize(v, depth + 1) ?? null);
  if (value !== null && typeof value === "object") return depth > MAX_DEPTH ? undefined : sanitizeObject(value as Record<string, unknown>, depth);
  return scalar(value);
}
