import { CairnError } from "@cairn/core";
import { errorFromResponse, ServerUnreachableError } from "./http-errors.js";
import { toQueryString } from "./query-string.js";
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, RETRYABLE_STATUSES, type RetryPolicy } from "./retry-policy.js";

/** The subset of fetch the client needs; injectable so tests can count or fail requests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
/** The HTTP methods MLflow's API uses. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
/** The methods of the artifact proxy's file routes. */
export type FileMethod = "GET" | "PUT" | "DELETE";

/** A request outside MLflow's JSON API: a path from the server root, an optional query and a raw body. */
export interface RawRequest {
  query?: object;
  /** File bytes: a stream or async iterable is sent once, as it cannot be replayed for a retry. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Connection settings shared by every call of one client. */
export interface TransportOptions {
  /** Base URL of the Cairn (or MLflow) server, e.g. http://127.0.0.1:5000. */
  trackingUri: string;
  /** Sent as `Authorization: Bearer <token>`; exclusive with username/password. */
  token?: string;
  /** With password: sent as `Authorization: Basic base64(username:password)`. */
  username?: string;
  /** With username: HTTP Basic credentials. */
  password?: string;
  /** Extra headers on every request; a function is called per request (the UI sends its CSRF header this way). */
  headers?: HeadersOption;
  fetch?: FetchLike;
  /** Retries after the first attempt (default 5); 0 disables retrying. */
  maxRetries?: number;
  /** Per-attempt timeout, body included (default 120 s, MLflow's MLFLOW_HTTP_REQUEST_TIMEOUT). */
  timeoutMs?: number;
  /** Backoff before the first retry (default 500 ms), doubled for each further retry. */
  retryBaseDelayMs?: number;
  /** Ceiling for one backoff delay (default 30 s). */
  retryMaxDelayMs?: number;
  /** Injectable for tests: how the transport waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests: jitter source in [0, 1). */
  random?: () => number;
}

/** Fixed headers, or a function returning them per request. */
export type HeadersOption = Record<string, string> | (() => Record<string, string>);

/** How one call may be retried. */
export interface CallOptions {
  /**
   * The request is not idempotent (applied twice, it does something else): a network failure,
   * after which the server may or may not have applied it, is reported instead of retried.
   * Retryable statuses (429, 5xx) still are, since the server wrote nothing then.
   */
  notIdempotent?: boolean;
  /** Answer at once, even on 429 or 5xx: a sign-in that was refused for too many failures must not wait out Retry-After. */
  noRetry?: boolean;
}

/** Sends MLflow-style requests: query string on GET, JSON body otherwise, with retries. */
export interface Transport {
  readonly trackingUri: string;
  /** Sends a request and returns the parsed JSON answer. */
  call<T>(method: HttpMethod, path: string, input?: object, options?: CallOptions): Promise<T>;
  /** Sends a request whose answer carries nothing (MLflow answers `{}`). */
  send(method: HttpMethod, path: string, input?: object): Promise<void>;
  /** Sends a request to a path from the server root and returns the answer with its body unread; throws the server's error otherwise. */
  request(method: FileMethod, path: string, raw?: RawRequest): Promise<Response>;
}

const API_PREFIX = "/api/2.0/mlflow";
const DEFAULT_TIMEOUT_MS = 120_000;

type Attempt = { kind: "answer"; response: Response; text: string } | { kind: "network"; error: unknown };
/** One try's outcome: the value, the server's refusal, or no answer at all. */
type Tried<T> = { kind: "value"; value: T } | Refusal | { kind: "network"; error: unknown };
interface Refusal {
  kind: "refused";
  status: number;
  statusText: string;
  text: string;
  retryAfter: string | null;
}

function refused(response: Response, text: string): Refusal {
  return { kind: "refused", status: response.status, statusText: response.statusText, text, retryAfter: response.headers.get("retry-after") };
}

/** Creates the transport behind a client; throws at once when the tracking URI is not http(s). */
export function createTransport(options: TransportOptions): Transport {
  const trackingUri = checkTrackingUri(options.trackingUri);
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    random: options.random ?? DEFAULT_RETRY_POLICY.random,
  };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const authorization = authorizationHeader(options);
  const extraHeaders = options.headers;
  // Read per request: a function (the UI's CSRF header) may answer differently after a sign-in.
  const baseHeaders = (): Record<string, string> => ({
    accept: "application/json",
    ...(typeof extraHeaders === "function" ? extraHeaders() : extraHeaders),
    ...(authorization ? { authorization } : {}),
  });

  async function attempt(url: string, init: RequestInit): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const response = await doFetch(url, { ...init, signal: controller.signal });
      return { kind: "answer", response, text: await response.text() };
    } catch (error) {
      return { kind: "network", error: controller.signal.aborted ? controller.signal.reason : error };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The one retry loop: network failures and retryable statuses (429, 5xx) are tried again with
   * backoff, honouring Retry-After, while replayable; anything else becomes the server's error.
   */
  async function withRetries<T>(method: HttpMethod | FileMethod, url: string, replayable: boolean, tryOnce: () => Promise<Tried<T>>, retryNetwork = true): Promise<T> {
    for (let retry = 0; ; retry++) {
      const canRetry = replayable && retry < policy.maxRetries;
      const tried = await tryOnce();
      if (tried.kind === "value") return tried.value;
      if (tried.kind === "network") {
        if (!canRetry || !retryNetwork) throw unreachable(trackingUri, method, url, retry + 1, tried.error);
        await sleep(backoffDelay(policy, retry));
        continue;
      }
      if (!canRetry || !RETRYABLE_STATUSES.has(tried.status)) throw errorFromResponse(tried.status, tried.statusText, tried.text, `${method} ${url}`);
      await sleep(parseRetryAfter(tried.retryAfter, Date.now()) ?? backoffDelay(policy, retry));
    }
  }

  async function call<T>(method: HttpMethod, path: string, input?: object, options: CallOptions = {}): Promise<T> {
    // MLflow's routes are given relative to /api/2.0/mlflow; Cairn's own resources by their full path.
    const prefix = path.startsWith("/api/") ? "" : API_PREFIX;
    const url = `${trackingUri}${prefix}${path}${method === "GET" ? toQueryString(input) : ""}`;
    const body = method === "GET" ? undefined : JSON.stringify(input ?? {});
    return withRetries(method, url, !options.noRetry, async (): Promise<Tried<T>> => {
      const headers = baseHeaders();
      const init: RequestInit = body === undefined ? { method, headers } : { method, headers: { ...headers, "content-type": "application/json" }, body };
      const result = await attempt(url, init);
      if (result.kind === "network") return result;
      const { response, text } = result;
      if (response.ok) return { kind: "value", value: parseBody<T>(text, method, url) };
      return refused(response, text);
    }, !options.notIdempotent);
  }

  async function request(method: FileMethod, path: string, raw: RawRequest = {}): Promise<Response> {
    const url = `${trackingUri}${path}${toQueryString(raw.query)}`;
    // No timeout here: a large file legitimately takes longer than any fixed limit. Node's
    // fetch needs duplex "half" to send a streaming body.
    const bodyInit = raw.body === undefined ? {} : { body: raw.body as BodyInit, duplex: "half" };
    // A streamed body can be sent only once.
    const replayable = raw.body === undefined || typeof raw.body === "string" || raw.body instanceof Uint8Array;
    return withRetries(method, url, replayable, async (): Promise<Tried<Response>> => {
      const init = { method, headers: { ...baseHeaders(), ...raw.headers }, ...bodyInit };
      let response: Response;
      try {
        response = await doFetch(url, init as RequestInit);
      } catch (error) {
        return { kind: "network", error };
      }
      // A good answer's body is left unread for the caller to stream.
      return response.ok ? { kind: "value", value: response } : refused(response, await response.text());
    });
  }

  return {
    trackingUri,
    call,
    request,
    async send(method, path, input) {
      await call(method, path, input);
    },
  };
}

/** The Authorization header for a token or Basic credentials; both at once is a mistake worth stopping. */
function authorizationHeader(options: TransportOptions): string | undefined {
  const basic = options.username !== undefined || options.password !== undefined;
  if (options.token && basic) {
    throw new CairnError("INVALID_PARAMETER_VALUE", "Give either a token or a username and password, not both.");
  }
  if (options.token) return `Bearer ${options.token}`;
  if (!basic) return undefined;
  if (!options.username || options.password === undefined) {
    throw new CairnError("INVALID_PARAMETER_VALUE", "HTTP Basic authentication needs both a username and a password.");
  }
  if (options.username.includes(":")) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Username '${options.username}' contains ':', which HTTP Basic authentication cannot carry.`);
  }
  return `Basic ${base64Utf8(`${options.username}:${options.password}`)}`;
}

/** Base64 of the UTF-8 bytes (btoa alone takes Latin-1 only); browser-safe, unlike Buffer. */
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function checkTrackingUri(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Tracking URI '${uri}' is not a URL. Use the server's address, e.g. http://127.0.0.1:5000.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Tracking URI '${uri}' must be an http:// or https:// URL, e.g. http://127.0.0.1:5000.`);
  }
  return uri.replace(/\/+$/, "");
}

function parseBody<T>(text: string, method: HttpMethod, url: string): T {
  if (text.trim() === "") return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CairnError("INTERNAL_ERROR", `${method} ${url} answered with a body that is not JSON: ${text.slice(0, 200)}`, { cause: error });
  }
}

function unreachable(trackingUri: string, method: HttpMethod | FileMethod, url: string, attempts: number, cause: unknown): ServerUnreachableError {
  const reason = describeNetworkError(cause);
  return new ServerUnreachableError(
    url,
    `Could not reach the tracking server at ${trackingUri} (${method} ${url.split("?")[0]}, ${attempts} attempt${attempts === 1 ? "" : "s"}): ${reason}. ` +
      "Check that the server is running (cairn server) and that the tracking URI (CAIRN_TRACKING_URI or MLFLOW_TRACKING_URI) points at it.",
    { cause },
  );
}

/** fetch hides the socket error in `cause`; surface the code (ECONNREFUSED...) a person can act on. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" ? `${code} (${cause.message})` : `${error.message} (${cause.message})`;
  }
  return error.message;
}
