import { createHmac } from "node:crypto";

/** How long one POST to a webhook may take. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Response bodies are kept to this many characters. */
const KEPT_BODY = 1000;

/** One signed POST to send. */
export interface WebhookRequest {
  url: string;
  secret?: string;
  deliveryId: string;
  /** The exact JSON text to send and sign. */
  payload: string;
  /** Milliseconds since the epoch; the X-MLflow-Timestamp header carries it in seconds. */
  now: number;
}

/** What came of one POST; success means a 2xx answer. */
export interface WebhookResponse {
  success: boolean;
  status?: number;
  body?: string;
  error?: string;
  durationMs: number;
}

/** MLflow's signature: "v1," + base64(HMAC-SHA256(secret, `${deliveryId}.${timestamp}.${payload}`)). */
export function signWebhook(secret: string, deliveryId: string, timestamp: string, payload: string): string {
  return `v1,${createHmac("sha256", secret).update(`${deliveryId}.${timestamp}.${payload}`).digest("base64")}`;
}

/** POSTs one delivery with MLflow's headers; network errors and timeouts become a failed response, never a throw. */
export async function sendWebhook(request: WebhookRequest, fetchFn: typeof fetch, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<WebhookResponse> {
  const timestamp = String(Math.floor(request.now / 1000));
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-MLflow-Delivery-Id": request.deliveryId,
    "X-MLflow-Timestamp": timestamp,
  };
  if (request.secret) headers["X-MLflow-Signature"] = signWebhook(request.secret, request.deliveryId, timestamp, request.payload);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetchFn(request.url, { method: "POST", headers, body: request.payload, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.text()).slice(0, KEPT_BODY);
    return { success: response.status >= 200 && response.status < 300, status: response.status, body, durationMs: elapsed() };
  } catch (error) {
    const e = error as Error & { cause?: Error };
    const reason = e.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : `${e.message}${e.cause?.message ? ` (${e.cause.message})` : ""}`;
    return { success: false, error: `POST ${request.url} failed: ${reason}`, durationMs: elapsed() };
  }
}
