import { randomUUID } from "node:crypto";
import { CairnError } from "@cairn/core";
import { createNodeClient } from "@cairn/sdk/node";
import type { LoadedModel, ModelDownloader } from "../model/load-model.js";
import { matchEndpoint, notFoundReply } from "../server/endpoints.js";
import { createScoringCore, type ScoringCore, type ScoringCoreOptions } from "../server/scoring-core.js";
import { codedErrorReply, replyHeaders, type ScoringReply, type ScoringRequest } from "../server/scoring-reply.js";

/** An API Gateway proxy event: REST API (payload 1.0) or HTTP API (payload 2.0); only the fields the handler reads. */
export interface ApiGatewayEvent {
  version?: string;
  /** Payload 1.0. */
  httpMethod?: string;
  path?: string;
  /** Payload 2.0. */
  rawPath?: string;
  requestContext?: { http?: { method?: string; path?: string }; stage?: string; requestId?: string };
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** What the handler returns to API Gateway. */
export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** createHandler's options: one model (a models:/ URI loaded on the first event, or a loaded model), plus the scoring options. */
export interface LambdaHandlerOptions extends Omit<ScoringCoreOptions, "source" | "client"> {
  modelUri?: string;
  model?: LoadedModel;
  /** The tracking server to download modelUri from (default $CAIRN_TRACKING_URI, else $MLFLOW_TRACKING_URI). */
  trackingUri?: string;
  /** Bearer token for the tracking server (default $CAIRN_TRACKING_TOKEN, else $MLFLOW_TRACKING_TOKEN). */
  token?: string;
  /** The client to download with (default a node client for trackingUri). */
  client?: ModelDownloader;
  /** Where defaults are read from (default process.env). */
  env?: Record<string, string | undefined>;
}

/**
 * An AWS Lambda handler for API Gateway proxy events, serving the scoring server's endpoints
 * (/invocations, /ping, /health, /version, /metrics, /v2/...) with the same protocol code as the
 * HTTP server. The model loads once per container, on the first event; a failed load answers 503
 * and is tried again on the next event. With sendLogs, each event's log records are sent before
 * it returns (a frozen container runs no timers).
 */
export function createHandler(options: LambdaHandlerOptions): (event: ApiGatewayEvent) => Promise<ApiGatewayResult> {
  if ((options.modelUri === undefined) === (options.model === undefined)) {
    throw new CairnError("INVALID_PARAMETER_VALUE", "createHandler needs exactly one of modelUri (a models:/ URI) or model (a loaded model).");
  }
  let loading: Promise<ScoringCore> | undefined;
  const load = (): Promise<ScoringCore> => {
    loading ??= (async () => {
      const core = createScoringCore({ ...options, source: options.model ? { model: options.model } : { modelUri: options.modelUri! }, client: options.client ?? defaultClient(options) });
      await core.start();
      return core;
    })();
    // Forget a failed load so the next event tries again.
    loading.catch(() => (loading = undefined));
    return loading;
  };

  return async (event) => {
    const headers = lowerCaseHeaders(event.headers);
    const request: ScoringRequest = {
      body: bodyOf(event),
      contentType: headers["content-type"],
      requestId: headers["x-request-id"] ?? event.requestContext?.requestId ?? randomUUID(),
      headers,
    };
    const method = (event.requestContext?.http?.method ?? event.httpMethod ?? "GET").toUpperCase();
    const path = pathOf(event);
    let core: ScoringCore;
    try {
      core = await load();
    } catch (error) {
      const message = `The model could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      return result(codedErrorReply(503, "TEMPORARILY_UNAVAILABLE", message, path.startsWith("/v2") ? "oip" : "mlflow", request));
    }
    const match = matchEndpoint(core.endpoints, method, path);
    const reply = match ? await match.endpoint.handle(request, match.params) : notFoundReply(method, path, request);
    // No work may outlive the invocation: shadows are not served here, and logs go now.
    await core.logQueue?.flush();
    return result(reply);
  };
}

function defaultClient(options: LambdaHandlerOptions): ModelDownloader | undefined {
  if (!options.modelUri) return undefined;
  const env = options.env ?? process.env;
  const trackingUri = options.trackingUri ?? (env.CAIRN_TRACKING_URI || env.MLFLOW_TRACKING_URI);
  if (!trackingUri) throw new CairnError("INVALID_PARAMETER_VALUE", "createHandler needs trackingUri (or CAIRN_TRACKING_URI) to download modelUri from.");
  const token = options.token ?? (env.CAIRN_TRACKING_TOKEN || env.MLFLOW_TRACKING_TOKEN || undefined);
  return createNodeClient({ trackingUri, ...(token ? { token } : {}), captureSource: false, handleCrashes: false });
}

function lowerCaseHeaders(headers: ApiGatewayEvent["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

function bodyOf(event: ApiGatewayEvent): string | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

// Payload 2.0's rawPath starts with the stage unless it is $default; payload 1.0's path does not.
function pathOf(event: ApiGatewayEvent): string {
  const raw = event.rawPath ?? event.requestContext?.http?.path ?? event.path ?? "/";
  const stage = event.requestContext?.stage;
  if (event.rawPath && stage && stage !== "$default" && (raw === `/${stage}` || raw.startsWith(`/${stage}/`))) return raw.slice(stage.length + 1) || "/";
  return raw;
}

function result(reply: ScoringReply): ApiGatewayResult {
  const list = replyHeaders(reply);
  const headers: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) headers[list[i]!] = list[i + 1]!;
  return { statusCode: reply.status, headers, body: reply.body, isBase64Encoded: false };
}
