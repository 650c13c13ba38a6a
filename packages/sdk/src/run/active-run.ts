import { CairnError, LIMITS, invalidParameter, isCairnError, validateKey, validateValueLength, type RunInfo, type RunStatus } from "@cairn/core";
import type { ArtifactsApi, TransferOptions, TransferResult } from "../artifacts/artifacts-api.js";
import type { RunsApi } from "../client/runs-api.js";
import { logModel, modelLoggingUnavailable, type LoggedModelResult, type LogModelOptions, type ModelLoggingDeps } from "../models/log-model.js";
import { RunBuffer, type BufferedBatch } from "./run-buffer.js";

/** When a metric point was taken; both default as in MLflow (now, step 0). */
export interface MetricOptions {
  step?: number;
  timestamp?: number;
}

/** A value that is logged as a param; numbers and booleans are stringified, as MLflow does. */
export type ParamValue = string | number | boolean;

/** What a run handle needs from its client. */
export interface ActiveRunDeps {
  runs: RunsApi;
  /** Where logArtifact(s) upload to; without it they throw NOT_IMPLEMENTED. */
  artifacts?: ArtifactsApi;
  /** What logModel needs; without it (no local file system) it throws NOT_IMPLEMENTED. */
  models?: ModelLoggingDeps;
  info: RunInfo;
  now: () => number;
  /** How often buffered data is sent even if no batch is full; 0 disables the timer. */
  flushIntervalMs: number;
}

/**
 * A live run. Logging calls are synchronous and only buffer; batches go out through
 * runs/log-batch one at a time, in order, when a batch is full, on a timer, on flush() and on end().
 * A failed batch is reported by the next flush() or end(), never silently dropped.
 */
export class ActiveRun {
  /** The run as the server created it. */
  readonly info: RunInfo;
  private readonly runs: RunsApi;
  private readonly artifacts: ArtifactsApi | undefined;
  private readonly models: ModelLoggingDeps | undefined;
  private readonly now: () => number;
  private readonly buffer = new RunBuffer();
  private readonly params = new Map<string, string>();
  private readonly stopHooks: (() => void | Promise<void>)[] = [];
  private readonly endedListeners: ((status: RunStatus) => void)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private drainQueued = false;
  private failure: CairnError | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private ending: Promise<void> | undefined;

  constructor(deps: ActiveRunDeps) {
    this.info = deps.info;
    this.runs = deps.runs;
    this.artifacts = deps.artifacts;
    this.models = deps.models;
    this.now = deps.now;
    if (deps.flushIntervalMs > 0) {
      this.timer = setInterval(() => {
        if (this.buffer.size > 0 && !this.drainQueued) void this.scheduleDrain();
      }, deps.flushIntervalMs);
      // A pending flush must never keep a finished script alive; end() sends the rest.
      unrefTimer(this.timer);
    }
  }

  /** The run's id. */
  get runId(): string {
    return this.info.run_id;
  }

  /** The id of the run's experiment. */
  get experimentId(): string {
    return this.info.experiment_id;
  }

  /** True once end() has been called. */
  get ended(): boolean {
    return this.ending !== undefined;
  }

  /** Buffers one metric point; throws at once on a bad key or value so one call cannot spoil a batch. */
  logMetric(key: string, value: number, options: MetricOptions = {}): void {
    this.assertOpen();
    validateKey(key, "metric");
    if (typeof value !== "number") throw invalidParameter(`Metric '${key}' must be a number; got ${typeof value}.`);
    const step = options.step ?? 0;
    const timestamp = options.timestamp ?? this.now();
    if (!Number.isSafeInteger(step)) throw invalidParameter(`Step of metric '${key}' must be an integer; got ${step}.`);
    if (!Number.isSafeInteger(timestamp)) throw invalidParameter(`Timestamp of metric '${key}' must be integer milliseconds; got ${timestamp}.`);
    this.buffer.addMetric({ key, value, step, timestamp });
    this.afterAdd();
  }

  /** Buffers several metrics taken at the same step and time. */
  logMetrics(metrics: Record<string, number>, options: MetricOptions = {}): void {
    const timestamp = options.timestamp ?? this.now();
    for (const [key, value] of Object.entries(metrics)) this.logMetric(key, value, { ...options, timestamp });
  }

  /** Buffers a param; logging a key again with another value throws, as the server would refuse it. */
  logParam(key: string, value: ParamValue): void {
    this.assertOpen();
    validateKey(key, "param");
    const text = String(value);
    validateValueLength("param", key, text, LIMITS.paramValueLength);
    const before = this.params.get(key);
    if (before !== undefined && before !== text) {
      throw invalidParameter(`Param '${key}' was already logged as '${before}' in run ${this.runId}; params cannot change. Log '${text}' under another key.`);
    }
    if (before !== undefined) return;
    this.params.set(key, text);
    this.buffer.addParam({ key, value: text });
    this.afterAdd();
  }

  /** Buffers several params. */
  logParams(params: Record<string, ParamValue>): void {
    for (const [key, value] of Object.entries(params)) this.logParam(key, value);
  }

  /** Buffers a tag; a later value for the same key wins. */
  setTag(key: string, value: string): void {
    this.assertOpen();
    validateKey(key, "tag");
    validateValueLength("tag", key, String(value), LIMITS.tagValueLength);
    this.buffer.addTag({ key, value: String(value) });
    this.afterAdd();
  }

  /** Buffers several tags. */
  setTags(tags: Record<string, string>): void {
    for (const [key, value] of Object.entries(tags)) this.setTag(key, value);
  }

  /** Uploads a file or a directory (under its own name) to artifactPath in the run's artifacts; node client only. */
  logArtifact(localPath: string, artifactPath?: string, options: TransferOptions = {}): Promise<TransferResult> {
    return this.uploadArtifacts(localPath, { ...options, artifactPath, keepDirectoryName: true });
  }

  /** Uploads a directory's contents, recursively, to artifactPath in the run's artifacts; node client only. */
  logArtifacts(localDir: string, artifactPath?: string, options: TransferOptions = {}): Promise<TransferResult> {
    return this.uploadArtifacts(localDir, { ...options, artifactPath });
  }

  /** Logs an ONNX file as an MLflow 3 logged model (MLmodel, signature, example), links it to this run and optionally registers it; node client only. */
  async logModel(options: LogModelOptions): Promise<LoggedModelResult> {
    if (!this.models) throw modelLoggingUnavailable();
    return logModel(this.models, { runId: this.runId, experimentId: this.experimentId }, options);
  }

  private async uploadArtifacts(localPath: string, options: TransferOptions & { artifactPath?: string; keepDirectoryName?: boolean }): Promise<TransferResult> {
    // Artifacts may still be logged after end(), as MLflow allows: they do not go through the buffer.
    if (!this.artifacts) throw new CairnError("NOT_IMPLEMENTED", `Logging artifacts needs a client made by createNodeClient from "@cairn/sdk/node".`);
    return this.artifacts.upload(this.info.artifact_uri, localPath, options);
  }

  /** Sends everything buffered so far; rejects with the first batch failure since the last flush. */
  async flush(): Promise<void> {
    await this.scheduleDrain();
    this.throwFailure();
  }

  /** Flushes, stops timers and extensions, then sets the run's status and end time (once; later calls share the result). */
  end(status: RunStatus = "FINISHED"): Promise<void> {
    this.ending ??= this.finish(status);
    return this.ending;
  }

  /** For extensions: fn runs when the run ends, before the final flush (stop samplers here). */
  onStop(fn: () => void | Promise<void>): void {
    this.stopHooks.push(fn);
  }

  /** For extensions: fn runs after the run has ended, whether ending succeeded or not. */
  onEnded(fn: (status: RunStatus) => void): void {
    this.endedListeners.push(fn);
  }

  private async finish(status: RunStatus): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    const errors: unknown[] = [];
    for (const stop of this.stopHooks) {
      try {
        await stop();
      } catch (error) {
        errors.push(error);
      }
    }
    try {
      await this.scheduleDrain();
      this.throwFailure();
    } catch (error) {
      errors.push(error);
    }
    try {
      // Even after a failed flush the status is set: a run left RUNNING forever misleads more.
      await this.runs.update({ run_id: this.runId, status, end_time: this.now() });
    } catch (error) {
      errors.push(error);
    }
    for (const listener of this.endedListeners) listener(status);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `Ending run ${this.runId} failed in ${errors.length} ways; see .errors.`);
  }

  private assertOpen(): void {
    if (this.ending) throw new CairnError("INVALID_STATE", `Run ${this.runId} has ended; start a new run to log more.`);
  }

  private afterAdd(): void {
    if (this.buffer.isFull() && !this.drainQueued) void this.scheduleDrain();
  }

  /** Chains a drain after the previous one, so a run never has two log-batch calls in flight. */
  private scheduleDrain(): Promise<void> {
    this.drainQueued = true;
    this.queue = this.queue.then(() => this.drain());
    return this.queue;
  }

  private async drain(): Promise<void> {
    this.drainQueued = false;
    for (let batch = this.buffer.takeBatch(); batch; batch = this.buffer.takeBatch()) {
      try {
        await this.runs.logBatch({ run_id: this.runId, ...batch });
      } catch (error) {
        this.failure ??= describeFailure(this.runId, batch, error);
      }
    }
  }

  private throwFailure(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }
}

function describeFailure(runId: string, batch: BufferedBatch, error: unknown): CairnError {
  const lost = `${batch.metrics.length} metrics, ${batch.params.length} params and ${batch.tags.length} tags were not recorded`;
  const code = isCairnError(error) ? error.code : "INTERNAL_ERROR";
  const message = error instanceof Error ? error.message : String(error);
  return new CairnError(code, `Logging to run ${runId} failed (${lost}): ${message}`, { cause: error });
}

/** Node timers have unref(); browsers return a number and need nothing. */
function unrefTimer(timer: unknown): void {
  if (typeof timer === "object" && timer !== null && "unref" in timer && typeof timer.unref === "function") timer.unref();
}
