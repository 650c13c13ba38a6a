import { createClient } from "@cairn/sdk";

/**
 * The UI talks to the server it was served from, through the same public API as the SDK.
 * One retry only: a person is waiting, and the page shows the error with a way to retry.
 */
export const cairn = createClient({ trackingUri: window.location.origin, maxRetries: 1, retryBaseDelayMs: 300, timeoutMs: 60_000 });
