import type { FastifyRequest } from "fastify";

/** The login route: public, since signing in is how one gets a credential. */
export const LOGIN_URL = "/api/2.0/cairn/auth/login";

// Reachable without credentials with auth on (the contract's list). HEAD mirrors GET.
const PUBLIC_ROUTES = new Set(["/health", "/version", "/api/openapi.json"]);
// Paths that belong to the API: an unknown one needs credentials like a known one (the answer
// must not tell who is not signed in which endpoints exist beyond the public OpenAPI document).
const API_PATH = /^\/(api|ajax-api)(\/|$)/;

/**
 * True for requests served without authentication: health, version, the OpenAPI document,
 * sign-in, the web UI's files and pages (so the sign-in page can load), and CORS preflights
 * (browsers never send credentials on them; the CORS hook answers or refuses them).
 */
export function isPublicRequest(request: FastifyRequest): boolean {
  const method = request.method === "HEAD" ? "GET" : request.method;
  const route = request.routeOptions.url;
  if (route === undefined) {
    if (method === "OPTIONS") return true;
    // No route: the web UI's page for a client-side path (or the API's 404 for a non-API path).
    return method === "GET" && !API_PATH.test(pathOf(request));
  }
  if (method === "GET" && PUBLIC_ROUTES.has(route)) return true;
  if (method === "POST" && route === LOGIN_URL) return true;
  // @fastify/static's routes carry the file they serve in their config.
  const config = request.routeOptions.config as { file?: unknown; rootPath?: unknown };
  return method === "GET" && typeof config.file === "string" && typeof config.rootPath === "string";
}

/** The request path without the query string (after the /ajax-api mirror rewrite). */
export function pathOf(request: FastifyRequest): string {
  return request.url.split("?")[0] ?? "/";
}
