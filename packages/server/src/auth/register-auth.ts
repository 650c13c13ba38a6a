import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CairnStore } from "@cairn/core";
import { resolveAuthOptions, type AuthOptions } from "./auth-options.js";
import type { AuthRuntime, RegisteredRoute } from "./auth-runtime.js";
import { authenticate, isUnauthenticated } from "./authenticate.js";
import { enforceTargets } from "./access.js";
import { checkOrigin } from "./cors.js";
import { grantCreator, isCreation } from "./creator-grants.js";
import { CredentialVerifier } from "./credential-verifier.js";
import { GrantCache } from "./grant-cache.js";
import { WWW_AUTHENTICATE } from "./denials.js";
import { LoginRateLimiter } from "./login-rate-limiter.js";
import { isPublicRequest } from "./public-requests.js";
import { resolveTargets } from "./resolve-targets.js";
import { gateRoute } from "./route-gate.js";

/** What registerAuth needs from createServer's dependencies. */
export interface RegisterAuthDeps {
  store: CairnStore;
  auth: AuthOptions;
  clock?: () => number;
}

/**
 * Turns authentication and authorization on for the whole app (call it on the root instance
 * before any route is registered, in place of the anonymous principal hook):
 * - onRequest: browser origins (CORS, cross-site refusal), then authentication of every request
 *   but the public ones (401 with the Basic challenge), then the route-only checks (read-only
 *   tokens, admin-only routes);
 * - preHandler: the resource checks, on the validated input (403);
 * - onSend: MANAGE for the creator of an experiment, registered model, deployment or monitor.
 */
export function registerAuth(app: FastifyInstance, deps: RegisterAuthDeps): AuthRuntime {
  const options = resolveAuthOptions(deps.auth, deps.clock ?? Date.now);
  const runtime: AuthRuntime = {
    store: deps.store,
    options,
    verifier: new CredentialVerifier(deps.store, options.clock),
    limiter: new LoginRateLimiter(options.clock),
    grants: new GrantCache(deps.store, options.clock),
    routes: [],
  };
  // What the authorizer reads to resolve targets: the store, with the run-to-experiment lookup cached.
  const lookups: CairnStore = { ...deps.store, experimentOf: (kind, id) => runtime.grants.experimentOf(kind, id) };
  app.decorate("cairnAuth", runtime);
  app.addHook("onRoute", (route) => {
    const config = (route.config ?? {}) as { permission?: RegisteredRoute["permission"]; file?: unknown };
    for (const method of [route.method].flat()) {
      runtime.routes.push({ method, url: route.url, ...(config.permission ? { permission: config.permission } : {}), ...(route.schema ? { schema: route.schema } : {}), staticFile: typeof config.file === "string" });
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    request.principal = { kind: "anonymous" };
    if (await checkOrigin(request, reply, options.corsOrigins)) return reply;
    if (isPublicRequest(request)) return;
    try {
      const principal = await authenticate(request, reply, runtime);
      if (principal.kind !== "user") throw new Error("authentication returned no user");
      request.principal = principal;
      gateRoute(request, principal);
    } catch (error) {
      // Scripts of the web UI handle 401 with the sign-in page; the challenge would make the browser pop up its own dialog.
      const fromUiScript = request.headers["sec-fetch-site"] === "same-origin" && request.headers["sec-fetch-mode"] !== "navigate";
      if (isUnauthenticated(error) && !fromUiScript) reply.header("www-authenticate", WWW_AUTHENTICATE);
      throw error;
    }
  });

  app.addHook("preHandler", async (request) => {
    const permission = request.routeOptions.config.permission;
    const principal = request.principal;
    if (!permission || principal.kind !== "user" || principal.is_admin || request.routeOptions.url === undefined) return;
    await enforceTargets(request, runtime, await resolveTargets(request, permission, lookups));
  });

  app.addHook("onSend", async (request, reply, payload) => {
    await grantCreator(request, reply, payload, runtime);
    if (reply.statusCode < 400 && mayChangeGrants(request)) runtime.grants.invalidate();
    return payload;
  });
  return runtime;
}

/**
 * Requests after which cached grant lookups may be wrong: grants and group changes, deletions
 * and renames of governed resources (a new resource of the same name must not inherit a cached
 * level), and creations of governed resources (the creator's new MANAGE).
 */
function mayChangeGrants(request: FastifyRequest): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const permission = request.routeOptions.config.permission;
  const url = request.routeOptions.url ?? "";
  return permission?.level === "manage" || url.includes("/permissions/") || url.endsWith("/rename") || isCreation(request);
}
