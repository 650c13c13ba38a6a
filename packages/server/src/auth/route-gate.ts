import type { FastifyRequest } from "fastify";
import type { Principal } from "./principal.js";
import { adminOnly, readOnlyRefused } from "./denials.js";

/**
 * The checks that need only the route, run right after authentication (before the body is
 * validated): read-only tokens only on read routes; server-level manage, and any route that
 * declares no permission (the Prometheus /metrics, say), for administrators only.
 */
export function gateRoute(request: FastifyRequest, principal: Principal & { kind: "user" }): void {
  const route = request.routeOptions.url;
  if (route === undefined) return; // no such endpoint: the 404 says so
  const permission = request.routeOptions.config.permission;
  const reads = permission ? permission.level === "read" : request.method === "GET" || request.method === "HEAD";
  if (principal.read_only && !reads) throw readOnlyRefused(request.method, route);
  if (principal.is_admin) return;
  if (!permission || (permission.resource === "server" && permission.level === "manage")) throw adminOnly(request.method, route);
}
