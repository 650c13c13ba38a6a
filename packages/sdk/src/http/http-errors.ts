import { CairnError, ERROR_STATUS, type ErrorCode } from "@cairn/core";

/** The server could not be reached at all (refused, reset, DNS, timeout), even after retries. */
export class ServerUnreachableError extends CairnError {
  /** The URL that was tried. */
  readonly url: string;

  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super("TEMPORARILY_UNAVAILABLE", message, options);
    this.url = url;
  }
}

/** True when error is a ServerUnreachableError, also across duplicated module instances. */
export function isServerUnreachable(error: unknown): error is ServerUnreachableError {
  return error instanceof ServerUnreachableError || (error instanceof CairnError && typeof (error as { url?: unknown }).url === "string");
}

// Codes used for answers without MLflow's envelope (proxies, foreign servers), by status.
const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "ENDPOINT_NOT_FOUND",
  409: "RESOURCE_CONFLICT",
  429: "REQUEST_LIMIT_EXCEEDED",
  501: "NOT_IMPLEMENTED",
  503: "TEMPORARILY_UNAVAILABLE",
};

/** Rebuilds the server's CairnError from MLflow's envelope, or makes one that names the status. */
export function errorFromResponse(status: number, statusText: string, body: string, what: string): CairnError {
  const envelope = readEnvelope(body);
  const code = CODE_FOR_STATUS[status] ?? (status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST");
  if (envelope && envelope.code in ERROR_STATUS) return new CairnError(envelope.code as ErrorCode, envelope.message);
  // A code this client does not know (a newer server): keep the server's words, pick the code by status.
  if (envelope) return new CairnError(code, `${envelope.code}: ${envelope.message}`);
  const excerpt = body.trim().slice(0, 200);
  return new CairnError(code, `${what} answered HTTP ${status}${statusText ? ` ${statusText}` : ""}${excerpt ? `: ${excerpt}` : ""}`);
}

function readEnvelope(body: string): { code: string; message: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // not JSON: the caller describes the raw answer instead
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { error_code: code, message } = parsed as { error_code?: unknown; message?: unknown };
  if (typeof code !== "string" || code === "") return undefined;
  return { code, message: typeof message === "string" ? message : code };
}
