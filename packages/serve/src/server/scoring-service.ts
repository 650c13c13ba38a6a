import { CairnError } from "@cairn/core";
import type { Tensor } from "onnxruntime-node";
import type { TensorMetadata } from "../model/onnx-session.js";
import { decodePayload, type DecodedInputs } from "../protocol/decode-inputs.js";
import type { InputPlan } from "../protocol/input-plan.js";
import { decodeOip, oipFirstValue, parseOipRequest, type OipRequest } from "../protocol/oip.js";
import { oipResponseJson, selectOutputs } from "../protocol/oip-response.js";
import { firstRowValue } from "../protocol/payload-values.js";
import { predictionsJson } from "../protocol/predictions.js";
import { describeError } from "../protocol/scoring-error.js";
import { parseScoringBody, type Payload } from "../protocol/scoring-payload.js";
import type { ModelSource, ServeLogger } from "../routing/model-source.js";
import type { Route, RoutingTable, ShadowRoute } from "../routing/routing-table.js";
import type { Deferred, InferenceLogQueue, QueuedLogRecord } from "../telemetry/inference-log-queue.js";
import type { ServingMetrics } from "../telemetry/serving-metrics.js";
import { LoggedOipInputs, LoggedPayload, LoggedPredictions, LoggedSplit } from "./log-values.js";
import { codedErrorReply, errorReply, headerValue, jsonReply, type Envelope, type ScoringReply, type ScoringRequest } from "./scoring-reply.js";

/** What the scoring service needs. */
export interface ScoringServiceOptions {
  source: ModelSource;
  metrics: ServingMetrics;
  /** Where sampled predictions go; no inference log when absent. */
  logQueue?: InferenceLogQueue;
  /** Share of predictions logged, 0..1 (default 1). */
  logSampleRate?: number;
  /** Uniform in [0, 1): traffic splits, shadow share and log sampling (default Math.random). */
  random?: () => number;
  /** Epoch milliseconds for log timestamps (default Date.now). */
  clock?: () => number;
  /** A monotonic clock in milliseconds for latencies (default performance.now). */
  timer?: () => number;
  logger: ServeLogger;
}

/** How one protocol decodes, answers and logs; one object per protocol, so requests allocate no closures. */
interface Protocol<P> {
  readonly envelope: Envelope;
  decode(plan: InputPlan, inputs: readonly TensorMetadata[], parsed: P): DecodedInputs;
  encode(route: Route, outputs: Record<string, Tensor>, rows: number, parsed: P, requestId: string): string;
  loggedInputs(parsed: P, decoded: DecodedInputs): Deferred;
}

const INVOCATIONS: Protocol<Payload> = {
  envelope: "mlflow",
  decode: (plan, _inputs, payload) => decodePayload(plan, payload),
  encode: (route, outputs, rows) => predictionsJson(outputs, route.served.outputNames, rows),
  loggedInputs: (payload, decoded) => (decoded.columns && payload.form === "dataframe_split" ? new LoggedSplit(decoded.columns, payload.data) : new LoggedPayload(payload)),
};

const OIP: Protocol<OipRequest> = {
  envelope: "oip",
  decode: (plan, inputs, request) => decodeOip(plan, inputs, request),
  encode: (route, outputs, _rows, request, requestId) =>
    oipResponseJson(route.served.model, request.id ?? requestId, outputs, selectOutputs(request.outputs, route.served.outputNames)),
  loggedInputs: (request) => new LoggedOipInputs(request),
};

/**
 * The scoring server without its HTTP layer: /invocations and OIP inference against the current
 * routing table, with metrics, sampled inference logging and shadow scoring. Fastify and the
 * Lambda handler both call it; it never throws (every failure is an answer).
 */
export class ScoringService {
  private readonly random: () => number;
  private readonly clock: () => number;
  private readonly timer: () => number;
  private readonly sampleRate: number;

  constructor(private readonly options: ScoringServiceOptions) {
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? Date.now;
    this.timer = options.timer ?? performance.now.bind(performance);
    this.sampleRate = options.logSampleRate ?? 1;
    if (!(this.sampleRate >= 0 && this.sampleRate <= 1)) throw new CairnError("INVALID_PARAMETER_VALUE", `logSampleRate must be between 0 and 1; got ${this.sampleRate}.`);
  }

  /** The model source, for the ops endpoints. */
  get source(): ModelSource {
    return this.options.source;
  }

  /** POST /invocations: MLflow's scoring protocol. */
  async invocations(request: ScoringRequest): Promise<ScoringReply> {
    const startedAt = this.timer();
    const table = this.options.source.current();
    if (!table) return this.notReady(request, "mlflow");
    let payload: Payload;
    try {
      payload = parseScoringBody(request.contentType, request.body).payload;
    } catch (error) {
      return this.rejected(table.primary, request, startedAt, error, "mlflow");
    }
    const sticky = table.stickyKey ? (firstRowValue(payload, table.stickyKey) ?? headerValue(request.headers, table.stickyKey)) : undefined;
    return this.score(INVOCATIONS, table, table.pick(this.random, sticky), payload, request, startedAt);
  }

  /** POST /v2/models/{name}[/versions/{version}]/infer: the Open Inference Protocol. */
  async oipInfer(request: ScoringRequest, modelName: string, version?: string): Promise<ScoringReply> {
    const startedAt = this.timer();
    const table = this.options.source.current();
    if (!table) return this.notReady(request, "oip");
    const found = this.findModel(table, modelName, version);
    if (typeof found === "string") return codedErrorReply(404, "RESOURCE_DOES_NOT_EXIST", found, "oip", request, table.primary.headers);
    let parsed: OipRequest;
    try {
      parsed = parseOipRequest(request.body);
    } catch (error) {
      return this.rejected(found ?? table.primary, request, startedAt, error, "oip");
    }
    if (found) return this.score(OIP, table, found, parsed, request, startedAt, false);
    const sticky = table.stickyKey ? (oipFirstValue(parsed, table.stickyKey) ?? headerValue(request.headers, table.stickyKey)) : undefined;
    return this.score(OIP, table, table.pick(this.random, sticky), parsed, request, startedAt);
  }

  /**
   * The route for an OIP model path: undefined to route by traffic (no version named), the named
   * version's route, or a message when the name or version is not served here.
   */
  findModel(table: RoutingTable, modelName: string, version: string | undefined): Route | undefined | string {
    const name = table.primary.served.model.name;
    if (modelName !== name && modelName !== table.deployment?.name) {
      return `No model '${modelName}' is served here; this server serves '${name}'${table.deployment ? ` (deployment '${table.deployment.name}')` : ""}.`;
    }
    if (version === undefined) return undefined;
    const route = table.versions.get(version);
    if (!route) return `Model '${name}' has no version '${version}' loaded here; loaded versions: ${[...table.versions.keys()].join(", ")}.`;
    return route;
  }

  /** The 503 answer while nothing is loaded. */
  notReady(request: ScoringRequest, envelope: Envelope): ScoringReply {
    return codedErrorReply(503, "TEMPORARILY_UNAVAILABLE", `No model is being served yet: ${this.options.source.notReadyReason()}.`, envelope, request);
  }

  private async score<P>(protocol: Protocol<P>, table: RoutingTable, route: Route, parsed: P, request: ScoringRequest, startedAt: number, shadowed = true): Promise<ScoringReply> {
    const served = route.served;
    served.acquire();
    let outputs: Record<string, Tensor>;
    let decoded: DecodedInputs;
    let body: string;
    try {
      decoded = protocol.decode(served.plan, served.model.onnx.inputs, parsed);
      outputs = await served.model.onnx.runTensors(decoded.feeds);
      body = protocol.encode(route, outputs, decoded.rows, parsed, request.requestId);
    } catch (error) {
      return this.rejected(route, request, startedAt, error, protocol.envelope);
    } finally {
      served.release();
    }
    const latencyMs = this.timer() - startedAt;
    route.metrics.count(200);
    route.metrics.duration.observe(latencyMs / 1000);
    const logged = this.options.logQueue !== undefined && this.sampled();
    if (logged) {
      this.options.logQueue!.push(this.logRecord(route, request.requestId, latencyMs, protocol.loggedInputs(parsed, decoded), new LoggedPredictions(outputs, served.outputNames, decoded.rows), false, 200));
    }
    const shadow = shadowed ? table.shadow : undefined;
    const after = shadow && this.random() * 100 < shadow.percent ? () => this.runShadow(protocol, shadow, parsed, request.requestId, logged) : undefined;
    return jsonReply(200, body, request, route.headers, after);
  }

  private rejected(route: Route, request: ScoringRequest, startedAt: number, error: unknown, envelope: Envelope): ScoringReply {
    const reply = errorReply(error, envelope, request, route.headers);
    route.metrics.count(reply.status);
    route.metrics.duration.observe((this.timer() - startedAt) / 1000);
    if (reply.status >= 500) this.options.logger.error(`request ${request.requestId} failed on version ${route.served.model.version}: ${describeError(error).message}`);
    return reply;
  }

  private sampled(): boolean {
    const rate = this.sampleRate;
    return rate >= 1 || (rate > 0 && this.random() < rate);
  }

  private logRecord(route: Route, requestId: string, latencyMs: number, inputs: unknown, outputs: unknown, shadow: boolean, status: number): QueuedLogRecord {
    return {
      request_id: requestId,
      ...(route.deployment ? { deployment: route.deployment } : {}),
      model_name: route.served.model.name,
      model_version: route.served.model.version,
      timestamp_ms: this.clock(),
      latency_ms: latencyMs,
      inputs,
      outputs,
      shadow,
      status_code: status,
    };
  }

  // Runs after the answer was written. Decoding happens here with the shadow's own input plan;
  // the model runs in the shadow's worker; every outcome goes to metrics and (when the request was
  // sampled) the inference log, never to the client.
  private runShadow<P>(protocol: Protocol<P>, shadow: ShadowRoute, parsed: P, requestId: string, logged: boolean): void {
    const { route, runner } = shadow;
    const version = route.served.model.version;
    const startedAt = this.timer();
    let decoded: DecodedInputs | undefined;
    const finish = (outcome: string, status: number, outputs: unknown) => {
      this.options.metrics.shadowRequests.labels(version, outcome).inc();
      if (logged && this.options.logQueue) {
        const inputs = decoded ? protocol.loggedInputs(parsed, decoded) : protocol.loggedInputs(parsed, { feeds: {}, rows: 0 });
        this.options.logQueue.push(this.logRecord(route, requestId, this.timer() - startedAt, inputs, outputs, true, status));
      }
    };
    try {
      decoded = protocol.decode(route.served.plan, route.served.model.onnx.inputs, parsed);
    } catch (error) {
      const { status, message } = describeError(error);
      finish("rejected", status, { error: message });
      return;
    }
    const pending = runner.run(decoded.feeds);
    if (!pending) {
      this.options.metrics.shadowDropped.inc();
      return;
    }
    const rows = decoded.rows;
    pending.then(
      (outputs) => finish("ok", 200, new LoggedPredictions(outputs, route.served.outputNames, rows)),
      (error: unknown) => finish("failed", 500, { error: describeError(error).message }),
    );
  }
}
