import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { CairnError, type AuditEntryInput, type AuditStore } from "@cairn/core";
import { actorName } from "../auth/principal.js";
import "./audit-context.js";
import { auditResource, createdResource } from "./audit-resource.js";
import { finalSummary, summaryFromInput } from "./audit-summary.js";
import { AuditWriter } from "./audit-writer.js";

/** Sign-in and sign-out are audited whatever level their routes declare. */
const SESSION_ROUTES = new Set(["/api/2.0/cairn/auth/login", "/api/2.0/cairn/auth/logout"]);
const MAX_REQUEST_ID = 200;

/** What registerAudit needs. */
export interface AuditDeps {
  store: Pick<AuditStore, "appendAudit">;
  clock: () => number;
}

/**
 * Appends one audit entry for every successful mutation (a non-GET request to a route whose
 * level is not read, answered below 400, plus sign-in and sign-out) before its response is sent,
 * so a successful response means its entry is stored. Call right after the principal hook.
 */
export function registerAudit(app: FastifyInstance, deps: AuditDeps): AuditWriter {
  const writer = new AuditWriter(deps.store);
  app.decorateRequest("audit", undefined);
  app.addHook("onSend", async (request, reply, payload) => {
    if (!isAudited(request, reply)) return payload;
    const entry = auditEntry(request, payload, deps.clock());
    try {
      await writer.write(entry);
    } catch (error) {
      request.log.error({ err: error, audit: entry }, "audit entry not stored");
      throw new CairnError(
        "INTERNAL_ERROR",
        `The request was applied, but its audit entry could not be stored (${(error as Error).message}). Check the server log and the database before repeating it.`,
        { cause: error },
      );
    }
    return payload;
  });
  return writer;
}

function isAudited(request: FastifyRequest, reply: FastifyReply): boolean {
  if (reply.statusCode >= 400) return false;
  const route = request.routeOptions.url;
  if (route === undefined) return false;
  if (SESSION_ROUTES.has(route)) return true;
  if (request.method === "GET" || request.method === "HEAD") return false;
  const permission = request.routeOptions.config.permission;
  return permission !== undefined && permission.level !== "read";
}

/** Builds the entry from the request, its principal and (for creations) the response. */
export function auditEntry(request: FastifyRequest, payload: unknown, now: number): AuditEntryInput {
  const route = request.routeOptions.url ?? request.url;
  const input = inputOf(request);
  let actor = actorName(request.principal);
  // The one request whose success proves who the caller is before a principal exists.
  if (actor === "anonymous" && route.endsWith("/auth/login") && typeof input.username === "string" && input.username !== "") actor = input.username;
  const created = request.method === "POST" ? createdResource(route, payload) : undefined;
  const resource = request.audit?.resource ?? auditResource(route, request.routeOptions.config.permission, input, created, actor);
  return {
    timestamp_ms: now,
    actor,
    action: `${request.method} ${route}`,
    resource,
    request_id: String(request.id).slice(0, MAX_REQUEST_ID),
    client: request.ip || "unknown",
    summary: finalSummary(summaryFromInput(input), request.audit?.summary),
  };
}

/** Query, path parameters and JSON body together; the wildcard of the artifact routes becomes `path`. */
function inputOf(request: FastifyRequest): Record<string, unknown> {
  const object = (value: unknown) => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const { "*": wildcard, ...params } = object(request.params);
  return { ...object(request.query), ...(wildcard === undefined ? {} : { path: wildcard }), ...params, ...object(request.body) };
}
