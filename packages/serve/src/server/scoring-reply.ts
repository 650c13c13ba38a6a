import type { ErrorCode } from "@cairn/core";
import { describeError, mlflowErrorBody, oipErrorBody } from "../protocol/scoring-error.js";

/** A request as the scoring service sees it, whatever HTTP layer (Fastify, API Gateway) carried it. */
export interface ScoringRequest {
  readonly body: string | undefined;
  readonly contentType: string | undefined;
  readonly requestId: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** An answer, for the HTTP layer to write. */
export interface ScoringReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The route's headers (model name and version, deployment and revision) as [name, value, ...]; shared, never mutated. */
  readonly modelHeaders: readonly string[];
  readonly requestId: string;
  /** Work to start once the answer is written (shadow scoring), never before. */
  readonly after?: () => void;
}

/** The JSON content type of every JSON answer. */
export const JSON_TYPE = "application/json";

/** Which error envelope a protocol answers with. */
export type Envelope = "mlflow" | "oip";

const NO_HEADERS: readonly string[] = [];

/** A JSON answer. */
export function jsonReply(status: number, body: string, request: { requestId: string }, modelHeaders: readonly string[] = NO_HEADERS, after?: () => void): ScoringReply {
  return { status, contentType: JSON_TYPE, body, modelHeaders, requestId: request.requestId, ...(after ? { after } : {}) };
}

/** An error answer in the protocol's envelope: MLflow's {error_code, message} or OIP's {error}. */
export function errorReply(error: unknown, envelope: Envelope, request: { requestId: string }, modelHeaders: readonly string[] = NO_HEADERS): ScoringReply {
  const { status, code, message } = describeError(error);
  return jsonReply(status, envelope === "oip" ? oipErrorBody(message) : mlflowErrorBody(code, message), request, modelHeaders);
}

/** An error answer from a status, code and message. */
export function codedErrorReply(status: number, code: ErrorCode, message: string, envelope: Envelope, request: { requestId: string }, modelHeaders?: readonly string[]): ScoringReply {
  return jsonReply(status, envelope === "oip" ? oipErrorBody(message) : mlflowErrorBody(code, message), request, modelHeaders);
}

/** A header's value by lower-case name (the first, when repeated). */
export function headerValue(headers: ScoringRequest["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Every header of an answer as one [name, value, ...] list, as http's writeHead takes it. */
export function replyHeaders(reply: ScoringReply): string[] {
  return ["content-type", reply.contentType, "x-request-id", reply.requestId, ...reply.modelHeaders];
}
