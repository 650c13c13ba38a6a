import { oipModelMetadata } from "../protocol/oip-response.js";
import { PROMETHEUS_CONTENT_TYPE } from "../telemetry/metrics-registry.js";
import type { ServingMetrics } from "../telemetry/serving-metrics.js";
import { codedErrorReply, jsonReply, type ScoringReply, type ScoringRequest } from "./scoring-reply.js";
import type { ScoringService } from "./scoring-service.js";
import { CAIRN_SERVE_VERSION } from "./version.js";

/** One HTTP endpoint of the scoring server, independent of the HTTP layer that mounts it. */
export interface Endpoint {
  readonly method: "GET" | "POST";
  /** Path pattern; `:name` matches one path segment. */
  readonly path: string;
  handle(request: ScoringRequest, params: Record<string, string>): Promise<ScoringReply> | ScoringReply;
}

/** The scoring server's endpoints: MLflow's (/invocations, /ping, /health, /version), /metrics and the Open Inference Protocol's /v2. */
export function scoringEndpoints(service: ScoringService, metrics: ServingMetrics): Endpoint[] {
  const source = service.source;
  const health = (request: ScoringRequest): ScoringReply => {
    const table = source.current();
    if (!table) return service.notReady(request, "mlflow");
    return jsonReply(200, '{"status":"ok"}', request, table.primary.headers);
  };
  const version = (request: ScoringRequest): ScoringReply => {
    const table = source.current();
    const model = table?.primary.served.model;
    const body = {
      cairn_version: CAIRN_SERVE_VERSION,
      ...(model ? { model_name: model.name, model_version: model.version } : {}),
      ...(table?.deployment ? { deployment: table.deployment.name, deployment_revision: table.deployment.revision } : {}),
    };
    return jsonReply(200, JSON.stringify(body), request, table?.primary.headers);
  };
  const modelMetadata = (request: ScoringRequest, params: Record<string, string>): ScoringReply => {
    const table = source.current();
    if (!table) return service.notReady(request, "oip");
    const found = service.findModel(table, params.name!, params.version);
    if (typeof found === "string") return codedErrorReply(404, "RESOURCE_DOES_NOT_EXIST", found, "oip", request, table.primary.headers);
    const route = found ?? table.primary;
    const versions = found ? [found.served.model.version] : [...table.versions.keys()];
    const { onnx, name } = route.served.model;
    return jsonReply(200, JSON.stringify(oipModelMetadata(name, versions, onnx.inputs, onnx.outputs)), request, route.headers);
  };
  const modelReady = (request: ScoringRequest, params: Record<string, string>): ScoringReply => {
    const table = source.current();
    if (!table) return codedErrorReply(503, "TEMPORARILY_UNAVAILABLE", `not ready: ${source.notReadyReason()}`, "oip", request);
    const found = service.findModel(table, params.name!, params.version);
    if (typeof found === "string") return codedErrorReply(404, "RESOURCE_DOES_NOT_EXIST", found, "oip", request, table.primary.headers);
    return jsonReply(200, JSON.stringify({ name: params.name, ready: true }), request, (found ?? table.primary).headers);
  };
  return [
    { method: "POST", path: "/invocations", handle: (request) => service.invocations(request) },
    { method: "GET", path: "/ping", handle: health },
    { method: "GET", path: "/health", handle: health },
    { method: "GET", path: "/version", handle: version },
    {
      method: "GET",
      path: "/metrics",
      handle: (request) => ({ status: 200, contentType: PROMETHEUS_CONTENT_TYPE, body: metrics.registry.render(), modelHeaders: source.current()?.primary.headers ?? [], requestId: request.requestId }),
    },
    { method: "GET", path: "/v2", handle: (request) => jsonReply(200, JSON.stringify({ name: "cairn-serve", version: CAIRN_SERVE_VERSION, extensions: [] }), request) },
    { method: "GET", path: "/v2/health/live", handle: (request) => jsonReply(200, '{"live":true}', request) },
    {
      method: "GET",
      path: "/v2/health/ready",
      handle: (request) => (source.current() ? jsonReply(200, '{"ready":true}', request, source.current()!.primary.headers) : jsonReply(503, '{"ready":false}', request)),
    },
    { method: "GET", path: "/v2/models/:name", handle: modelMetadata },
    { method: "GET", path: "/v2/models/:name/ready", handle: modelReady },
    { method: "GET", path: "/v2/models/:name/versions/:version", handle: modelMetadata },
    { method: "GET", path: "/v2/models/:name/versions/:version/ready", handle: modelReady },
    { method: "POST", path: "/v2/models/:name/infer", handle: (request, params) => service.oipInfer(request, params.name!) },
    { method: "POST", path: "/v2/models/:name/versions/:version/infer", handle: (request, params) => service.oipInfer(request, params.name!, params.version) },
  ];
}

/** The 404 answer for a path no endpoint serves, in the envelope its protocol uses. */
export function notFoundReply(method: string, path: string, request: ScoringRequest): ScoringReply {
  const oip = path.startsWith("/v2");
  const message = `No endpoint ${method} ${path}. The scoring server answers POST /invocations, GET /ping, /health, /version, /metrics and the Open Inference Protocol under /v2.`;
  return codedErrorReply(404, "ENDPOINT_NOT_FOUND", message, oip ? "oip" : "mlflow", request);
}

/** Finds the endpoint and path parameters for a request (the Lambda handler's router; Fastify uses its own). */
export function matchEndpoint(endpoints: readonly Endpoint[], method: string, path: string): { endpoint: Endpoint; params: Record<string, string> } | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const endpoint of endpoints) {
    if (endpoint.method !== method) continue;
    const pattern = endpoint.path.split("/").filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = decodeURIComponent(segments[i]!);
        return true;
      }
      return part === segments[i];
    });
    if (matches) return { endpoint, params };
  }
  return undefined;
}
