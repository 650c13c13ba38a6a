import type { InferenceRecordInput } from "@cairn/core";
import type { Family, ValueChild } from "./metrics-registry.js";

/** One prediction as POST /api/2.0/cairn/inference-logs takes it; a serving process always says shadow and status. */
export interface InferenceLogRecord extends InferenceRecordInput {
  deployment?: string;
  shadow: boolean;
  status_code: number;
}

/**
 * A value built only when its record is sent: the request path keeps references to what it
 * already has (the parsed body, the output tensors) and the JSON-ready value is made at flush.
 */
export interface Deferred {
  resolve(): unknown;
}

/** A record as queued: inputs and outputs may still be deferred. */
export interface QueuedLogRecord extends Omit<InferenceLogRecord, "inputs" | "outputs"> {
  inputs: unknown;
  outputs: unknown;
}

/** What the queue needs. */
export interface InferenceLogQueueOptions {
  /** Delivers one batch (the CLI posts it to /api/2.0/cairn/inference-logs); a rejection is retried. */
  sendLogs: (records: InferenceLogRecord[]) => Promise<void>;
  /** Records held at most; beyond it new records are dropped and counted (default 10,000). */
  capacity?: number;
  /** Records per batch (default 500). */
  batchSize?: number;
  /** A partial batch is sent after this long (default 1,000 ms). */
  flushIntervalMs?: number;
  /** Retries of a failed batch before it is dropped (default 3). */
  maxRetries?: number;
  /** Backoff before the first retry, doubled for each further one (default 500 ms). */
  retryBaseDelayMs?: number;
  /** Injectable for tests: how the queue waits between retries. */
  sleep?: (ms: number) => Promise<void>;
  metrics: { sent: ValueChild; dropped: Family<ValueChild> };
  /** Told about a batch given up on (the server logs it). */
  onDropped?: (count: number, error: unknown) => void;
}

/** True for a value the request path deferred. */
function isDeferred(value: unknown): value is Deferred {
  return typeof value === "object" && value !== null && typeof (value as Deferred).resolve === "function";
}

/** Resolves a queued record's deferred inputs and outputs, in place (the queue owns its records). */
export function materialize(record: QueuedLogRecord): InferenceLogRecord {
  if (isDeferred(record.inputs)) record.inputs = record.inputs.resolve();
  if (isDeferred(record.outputs)) record.outputs = record.outputs.resolve();
  return record as InferenceLogRecord;
}

/**
 * A bounded queue of inference log records, sent in batches off the request path: push never
 * waits and never throws; a full queue drops (and counts) the new record; one batch is in flight
 * at a time, retried with backoff, then dropped and counted.
 */
export class InferenceLogQueue {
  private queue: QueuedLogRecord[] = [];
  private draining: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly full: ValueChild;
  private readonly failed: ValueChild;

  constructor(private readonly options: InferenceLogQueueOptions) {
    this.capacity = options.capacity ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxRetries = options.maxRetries ?? 3;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()));
    this.full = options.metrics.dropped.labels("queue_full");
    this.failed = options.metrics.dropped.labels("send_failed");
    this.timer = setInterval(() => this.kick(true), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** Records waiting to be sent. */
  get size(): number {
    return this.queue.length;
  }

  /** Queues a record; false (and counted as dropped) when the queue is full or closed. */
  push(record: QueuedLogRecord): boolean {
    if (this.closed || this.queue.length >= this.capacity) {
      this.full.inc();
      return false;
    }
    this.queue.push(record);
    if (this.queue.length >= this.batchSize && !this.draining && !this.scheduled) {
      // Not from inside push: the request that filled the batch should not pay for sending it.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.kick(false);
      });
    }
    return true;
  }

  /** Sends everything queued now (waiting for a batch already in flight first). */
  async flush(): Promise<void> {
    while (this.draining || this.queue.length > 0) {
      if (!this.draining) this.kick(true);
      await this.draining;
    }
  }

  /** Stops the timer, refuses new records and sends what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
  }

  // Full batches go as soon as they fill; a partial one waits for the interval (all = true) or close.
  private kick(all: boolean): void {
    if (this.draining || this.queue.length === 0) return;
    this.draining = this.drain(all).finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(all: boolean): Promise<void> {
    while (this.queue.length >= this.batchSize || (all && this.queue.length > 0)) {
      const batch = this.queue.length <= this.batchSize ? this.queue : this.queue.slice(0, this.batchSize);
      this.queue = this.queue.length <= this.batchSize ? [] : this.queue.slice(this.batchSize);
      let records: InferenceLogRecord[];
      try {
        records = batch.map(materialize);
      } catch (error) {
        // A record that cannot be built would fail every retry too.
        this.failed.inc(batch.length);
        this.options.onDropped?.(batch.length, error);
        continue;
      }
      await this.send(records);
    }
  }

  private async send(records: InferenceLogRecord[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.sendLogs(records);
        this.options.metrics.sent.inc(records.length);
        return;
      } catch (error) {
        if (attempt >= this.maxRetries) {
          this.failed.inc(records.length);
          this.options.onDropped?.(records.length, error);
          return;
        }
        await this.sleep(this.retryBaseDelayMs * 2 ** attempt);
      }
    }
  }
}
