import { LIMITS, type KeyValue } from "@cairn/core";
import type { MetricInput } from "../client/wire-types.js";
import { encodeMetricValue } from "../client/wire-values.js";

/** One runs/log-batch request's worth of buffered data. */
export interface BufferedBatch {
  metrics: MetricInput[];
  params: KeyValue[];
  tags: KeyValue[];
}

interface Sized<T> {
  item: T;
  bytes: number;
}

// MLflow caps a request at 1 MB; leave room for the run id and the JSON around the lists.
const BATCH_BYTES = LIMITS.requestBytes - 4096;

/**
 * Metrics, params and tags waiting to be sent, cut into batches that respect every log-batch
 * limit: 1000 metrics, 100 params, 100 tags, 1000 entities and the request size.
 */
export class RunBuffer {
  private readonly metrics: Sized<MetricInput>[] = [];
  private readonly params: Sized<KeyValue>[] = [];
  private readonly tags: Sized<KeyValue>[] = [];

  /** Queues a metric point (timestamp and step already filled in). */
  addMetric(metric: MetricInput): void {
    this.metrics.push({ item: metric, bytes: jsonBytes({ ...metric, value: encodeMetricValue(metric.value) }) });
  }

  /** Queues a param. */
  addParam(param: KeyValue): void {
    this.params.push({ item: param, bytes: jsonBytes(param) });
  }

  /** Queues a tag. */
  addTag(tag: KeyValue): void {
    this.tags.push({ item: tag, bytes: jsonBytes(tag) });
  }

  /** Items waiting, of all kinds. */
  get size(): number {
    return this.metrics.length + this.params.length + this.tags.length;
  }

  /** True when at least one kind fills a whole batch, so waiting longer gains nothing. */
  isFull(): boolean {
    return this.metrics.length >= LIMITS.batchMetrics || this.params.length >= LIMITS.batchParams || this.tags.length >= LIMITS.batchTags;
  }

  /** Removes and returns the oldest batch's worth of items, or undefined when empty. */
  takeBatch(): BufferedBatch | undefined {
    if (this.size === 0) return undefined;
    let bytes = 0;
    let entities = 0;
    const take = <T>(queue: Sized<T>[], max: number): T[] => {
      let n = 0;
      while (n < queue.length && n < max && entities < LIMITS.batchEntities && bytes + queue[n]!.bytes <= BATCH_BYTES) {
        bytes += queue[n]!.bytes;
        entities++;
        n++;
      }
      return queue.splice(0, n).map((sized) => sized.item);
    };
    // Params and tags first: they are few and small limits, metrics fill the remaining room.
    const params = take(this.params, LIMITS.batchParams);
    const tags = take(this.tags, LIMITS.batchTags);
    const metrics = take(this.metrics, LIMITS.batchMetrics);
    return { metrics, params, tags };
  }
}

/** UTF-8 size of an item's JSON plus its separating comma, without allocating an encoded copy. */
function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value);
  let bytes = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Surrogate halves count 2 each: a pair is 4 bytes in UTF-8.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}
