import { ERROR_STATUS, isCairnError, type ErrorCode } from "@cairn/core";
import type { FastifyError, FastifyRequest } from "fastify";

/** MLflow's error envelope. */
export interface ErrorBody {
  error_code: ErrorCode;
  message: string;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * The one place errors become responses: coded errors keep their code, schema failures and
 * Fastify's request errors become 4xx with a message naming the parameter, anything else is a 500.
 */
export function toErrorResponse(error: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  if (isCairnError(error)) return envelope(error.code, error.message);
  const fastifyError = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation) && fastifyError.validation.length > 0) {
    return envelope("INVALID_PARAMETER_VALUE", describeValidation(fastifyError.validation[0]!, request, fastifyError.validationContext));
  }
  switch (fastifyError.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return envelope(
        "INVALID_PARAMETER_VALUE",
        `Request body is larger than the ${formatBytes(request.routeOptions.bodyLimit ?? 0)} this endpoint accepts; split it into smaller requests.`,
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return envelope("BAD_REQUEST", `${fastifyError.message}. Send a JSON object as the request body.`);
  }
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return envelope("BAD_REQUEST", fastifyError.message);
  return envelope("INTERNAL_ERROR", `Internal error while handling ${request.method} ${request.url}; the server log has the details (request id ${request.id}).`);
}

function envelope(code: ErrorCode, message: string): { status: number; body: ErrorBody } {
  return { status: ERROR_STATUS[code], body: { error_code: code, message } };
}

function describeValidation(error: AjvError, request: FastifyRequest, context = "body"): string {
  if (error.keyword === "required") {
    const name = joinPath(error.instancePath, String(error.params.missingProperty));
    return `Missing value for required parameter '${name}'. See the API docs (/api/openapi.json) for this endpoint's parameters.`;
  }
  const name = joinPath(error.instancePath) || "request";
  const source = (request as unknown as Record<string, unknown>)[context];
  const value = valueAt(source, error.instancePath);
  const shown = value === undefined ? "" : ` ${JSON.stringify(value)?.slice(0, 80)}`;
  const rule = error.keyword === "anyOf" ? "must be a number or a numeric string" : (error.message ?? "is invalid");
  return `Invalid value${shown} for parameter '${name}': ${rule}.`;
}

/** "/metrics/3/key" -> "metrics[3].key". */
function joinPath(instancePath: string, last?: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  if (last !== undefined) parts.push(last);
  return parts.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), "");
}

function valueAt(source: unknown, instancePath: string): unknown {
  let current = source;
  for (const part of instancePath.split("/").filter(Boolean)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${n / (1024 * 1024)} MB` : `${n} bytes`;
}
