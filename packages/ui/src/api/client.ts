import { createClient } from "@cairn/sdk";
import { csrfHeaders } from "../auth/csrf";
import { sessionFetch } from "../auth/session-events";

/**
 * The UI talks to the server it was served from, through the same public API as the SDK.
 * One retry only: a person is waiting, and the page shows the error with a way to retry.
 * With auth on the session cookie goes along by itself; the CSRF header is read per request
 * (it changes at sign-in) and a 401 sends the person to the sign-in page.
 */
export const cairn = createClient({
  trackingUri: window.location.origin,
  maxRetries: 1,
  retryBaseDelayMs: 300,
  timeoutMs: 60_000,
  headers: csrfHeaders,
  fetch: sessionFetch,
});
