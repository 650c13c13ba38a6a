import type { WebhookStore } from "@cairn/core";
import { sendWebhook } from "./webhook-send.js";

/** How often the dispatcher looks for due deliveries by default. */
const DEFAULT_INTERVAL_MS = 1000;
/** Deliveries claimed per round. */
const BATCH = 20;
/** A claim outlives the 10 s POST timeout with room to record the result. */
const LEASE_MS = 60_000;

export interface WebhookDispatcherOptions {
  store: WebhookStore;
  fetch?: typeof fetch;
  clock?: () => number;
  intervalMs?: number;
  /** Called with errors of a round (the store unreachable); the dispatcher keeps going. */
  onError?: (error: unknown) => void;
}

/** A running dispatcher: runOnce sends what is due now; stop ends the timer and waits for a round in progress. */
export interface WebhookDispatcher {
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the outbox dispatcher: every interval it leases due deliveries, POSTs them in parallel
 * and records each outcome (the store schedules retries). Replicas may run side by side: leases
 * keep them from sending one delivery twice. The timer never keeps the process alive.
 */
export function startWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { store } = options;
  const fetchFn = options.fetch ?? fetch;
  const clock = options.clock ?? Date.now;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const onError = options.onError ?? ((error: unknown) => console.error("webhook dispatcher round failed:", error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  /** One round: claim, send, record; the number of deliveries attempted. */
  async function round(): Promise<number> {
    const claimed = await store.claimWebhookDeliveries({ now: clock(), limit: BATCH, leaseMs: LEASE_MS });
    await Promise.all(
      claimed.map(async (c) => {
        const startedAt = clock();
        const r = await sendWebhook({ url: c.url, secret: c.secret, deliveryId: c.delivery_id, payload: c.payload, now: startedAt }, fetchFn);
        await store.recordWebhookAttempt({
          delivery_id: c.delivery_id,
          claim_token: c.claim_token,
          success: r.success,
          started_at: startedAt,
          duration_ms: r.durationMs,
          ...(r.status === undefined ? {} : { response_status: r.status }),
          ...(r.body === undefined ? {} : { response_body: r.body }),
          ...(r.error === undefined ? {} : { error: r.error }),
        });
      }),
    );
    return claimed.length;
  }

  const runOnce = (): Promise<number> => {
    // Rounds never overlap within one process: a second caller shares the round in progress.
    current ??= round().finally(() => {
      current = undefined;
    });
    return current;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch(onError)
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // A failed round was already reported to onError or to the runOnce caller.
      if (current) await current.catch(() => undefined);
    },
  };
}
