import { CairnError, ERROR_STATUS, type ErrorCode } from "@cairn/core";
import { csrfHeaders } from "./csrf";
import { sessionFetch } from "./session-events";

// The governance endpoints (auth, users, permissions, audit, approvals, model cards) are called
// here on the UI's ajax prefix with the contract's JSON shapes, so the pages do not depend on
// the SDK's wrappers of them.
const BASE = "/ajax-api/2.0/cairn";

/** Query-string values; undefined and "" are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** The server's refusal: MLflow's error code and message, plus Retry-After (seconds) when it sent one. */
export class GovernanceError extends CairnError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}

/** The URL of a governance endpoint with its query, for links (the HTML model card). */
export function governanceUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return `${BASE}/${path}${text ? `?${text}` : ""}`;
}

/** GETs a governance endpoint's JSON. */
export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const response = await sessionFetch(governanceUrl(path, query), { signal, headers: { accept: "application/json" } });
  return answer<T>(response);
}

/** POSTs a JSON body (with the CSRF header of a UI session) and returns the JSON answer. */
export async function postJson<T>(path: string, body: object): Promise<T> {
  const response = await sessionFetch(governanceUrl(path), {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", ...csrfHeaders() },
    body: JSON.stringify(body),
  });
  return answer<T>(response);
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw refusal(response, text);
  return (text.trim() === "" ? {} : JSON.parse(text)) as T;
}

function refusal(response: Response, body: string): Error {
  const raw = `The server answered HTTP ${response.status}: ${body.trim().slice(0, 200)}`;
  let parsed: { error_code?: unknown; message?: unknown } | undefined;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch (error) {
    // Not MLflow's envelope (a proxy's page, say): quote the raw answer instead.
    return new Error(raw, { cause: error });
  }
  const code = parsed?.error_code;
  if (typeof code !== "string" || !(code in ERROR_STATUS)) return new Error(raw);
  const retryAfter = Number(response.headers.get("retry-after"));
  const message = typeof parsed?.message === "string" ? parsed.message : code;
  return new GovernanceError(code as ErrorCode, message, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}
