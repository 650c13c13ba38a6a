import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { Tensor } from "onnxruntime-node";
import type { ServedModel } from "./served-model.js";

// onnxruntime-node runs a session synchronously on the calling thread, so a slow shadow model on
// the main thread would hold up every answer. Shadow scoring therefore runs its own session in a
// worker thread. The worker is plain JavaScript passed as source (eval), so it works the same
// under a TypeScript loader, from the CLI's esbuild bundle and in a Lambda package: it only
// needs onnxruntime-node, resolved here and handed over by path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ort = require(workerData.ortPath);
const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential", logSeverityLevel: 4 };
ort.InferenceSession.create(workerData.bytes, options).then((session) => {
  parentPort.postMessage({ kind: "ready" });
  parentPort.on("message", async (job) => {
    try {
      const feeds = {};
      for (const name of Object.keys(job.feeds)) {
        const t = job.feeds[name];
        feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
      }
      const results = await session.run(feeds);
      const outputs = {};
      for (const name of Object.keys(results)) {
        const t = results[name];
        outputs[name] = { type: t.type, data: t.data, dims: t.dims };
      }
      parentPort.postMessage({ kind: "result", id: job.id, outputs });
    } catch (error) {
      parentPort.postMessage({ kind: "error", id: job.id, message: String(error && error.message || error) });
    }
  });
}, (error) => parentPort.postMessage({ kind: "failed", message: String(error && error.message || error) }));
`;

interface WireTensor {
  type: Tensor.Type;
  data: Tensor.DataType;
  dims: readonly number[];
}

type WorkerMessage =
  | { kind: "ready" }
  | { kind: "failed"; message: string }
  | { kind: "result"; id: number; outputs: Record<string, WireTensor> }
  | { kind: "error"; id: number; message: string };

interface Pending {
  resolve: (outputs: Record<string, Tensor>) => void;
  reject: (error: Error) => void;
}

/** Options of a shadow runner. */
export interface ShadowRunnerOptions {
  /** Shadow scorings in flight at most; more are refused (the caller drops and counts them). */
  maxInFlight: number;
}

/**
 * A shadow model version scored in a worker thread, at most maxInFlight requests at a time.
 * The main thread only decodes the request (with the version's own input plan) and posts the
 * tensors; the answer it already sent never waits for the shadow.
 */
export class ShadowRunner {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped: Error | undefined;
  private retired = false;

  private constructor(
    readonly served: ServedModel,
    private readonly worker: Worker,
    private readonly maxInFlight: number,
  ) {
    worker.on("message", (message: WorkerMessage) => this.settle(message));
    worker.on("error", (error) => this.stop(error instanceof Error ? error : new Error(String(error))));
    worker.on("exit", (code) => this.stop(new Error(`the shadow worker exited (code ${code})`)));
  }

  /** Starts a worker with its own session of the version; rejects when the worker cannot load it. */
  static async start(served: ServedModel, options: ShadowRunnerOptions): Promise<ShadowRunner> {
    const ortPath = createRequire(import.meta.url).resolve("onnxruntime-node");
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath, bytes: served.model.onnxBytes }, execArgv: [] });
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        void worker.terminate();
        reject(error);
      };
      worker.once("error", fail);
      worker.once("message", (message: WorkerMessage) => {
        worker.off("error", fail);
        if (message.kind === "ready") resolve();
        else fail(new Error(`the shadow worker could not load model ${served.model.name} version ${served.model.version}: ${message.kind === "failed" ? message.message : message.kind}`));
      });
    });
    return new ShadowRunner(served, worker, options.maxInFlight);
  }

  /** Shadow scorings in flight. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Scores feeds in the worker; undefined (nothing sent) when maxInFlight are already running or the runner stopped. */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> | undefined {
    if (this.stopped || this.retired || this.pending.size >= this.maxInFlight) return undefined;
    const id = this.nextId++;
    const wire: Record<string, WireTensor> = {};
    const transfer: ArrayBuffer[] = [];
    for (const [name, tensor] of Object.entries(feeds)) {
      wire[name] = { type: tensor.type, data: tensor.data, dims: tensor.dims };
      // The decoded buffers belong to this shadow request alone: hand them over instead of copying.
      if (ArrayBuffer.isView(tensor.data) && tensor.data.buffer instanceof ArrayBuffer) transfer.push(tensor.data.buffer);
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: "run", id, feeds: wire }, transfer);
    });
  }

  /** Takes the runner out of service: the worker stops once its scorings in flight are done. */
  retire(): void {
    this.retired = true;
    if (this.pending.size === 0) void this.worker.terminate();
  }

  private settle(message: WorkerMessage): void {
    if (message.kind !== "result" && message.kind !== "error") return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.kind === "result") {
      const outputs: Record<string, Tensor> = {};
      for (const [name, t] of Object.entries(message.outputs)) outputs[name] = new Tensor(t.type as "float32", t.data as Float32Array, t.dims);
      pending.resolve(outputs);
    } else {
      pending.reject(new Error(`The shadow model rejected its inputs: ${message.message}`));
    }
    if (this.retired && this.pending.size === 0) void this.worker.terminate();
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
