import type { FastifyInstance, FastifyRequest } from "fastify";
import { CairnError, type CairnStore } from "@cairn/core";
import type { AuthRuntime } from "./auth-runtime.js";
import { addReplyRoute } from "./reply-route.js";
import { Empty, Login } from "./auth-schemas.js";
import { sessionTokenOf, signIn } from "./authenticate.js";
import { csrfTokenFor } from "./csrf.js";
import { clearSessionCookies, SESSION_TTL_MS, setSessionCookies } from "./session-cookies.js";
import { formatToken, hashSecret, newSecret, parseToken } from "./token-secret.js";

// Sign-in and sign-out change state (a session) and are audited; whoami only reads.
const edit = { resource: "server", level: "edit" } as const;
const read = { resource: "server", level: "read" } as const;

/** POST auth/login, POST auth/logout, GET auth/whoami (sign-in for the web UI and a check of who one is). */
export function authRoutes(app: FastifyInstance, store: CairnStore): void {
  addReplyRoute(app, {
    method: "POST",
    url: "/auth/login",
    summary: "Sign in with username and password: starts a UI session (cookies cairn_session and cairn_csrf) and returns the CSRF token",
    input: Login,
    permission: edit,
    bodyLimit: 16 * 1024,
    handler: async (input, request, reply) => {
      const runtime = authOn(request);
      const secret = await signIn(input.username, input.password, request, reply, runtime);
      const now = runtime.options.clock();
      const random = newSecret();
      const id = await store.createCredential({ user_id: secret.user_id, kind: "session", secret_hash: hashSecret(random), expires_at: now + SESSION_TTL_MS });
      const session = formatToken(id, random);
      const csrf = csrfTokenFor(session);
      setSessionCookies(request, reply, runtime.options, session, csrf);
      // The audit entry of this request is the user's own.
      request.principal = { kind: "user", user_id: secret.user_id, username: secret.username, is_admin: secret.is_admin, read_only: false, via: "session", credential_id: id };
      return { user: await store.getUser(secret.username), csrf_token: csrf };
    },
  });

  addReplyRoute(app, {
    method: "POST",
    url: "/auth/logout",
    summary: "End the UI session (tokens and Basic credentials are unaffected) and clear its cookies",
    input: Empty,
    permission: edit,
    handler: async (_input, request, reply) => {
      const runtime = request.server.cairnAuth;
      const session = sessionTokenOf(request);
      const parsed = session === undefined ? undefined : parseToken(session);
      if (runtime && parsed) {
        await store.revokeCredential(parsed.credentialId, runtime.options.clock());
        runtime.verifier.forgetCredential(parsed.credentialId);
      }
      clearSessionCookies(request, reply, runtime?.options);
      return {};
    },
  });

  addReplyRoute(app, {
    method: "GET",
    url: "/auth/whoami",
    summary: "Whether authentication is on, and who the caller is (with the CSRF token when signed in with the session cookie)",
    input: Empty,
    permission: read,
    handler: async (_input, request) => {
      if (!request.server.cairnAuth) return { auth_enabled: false };
      const principal = request.principal;
      if (principal.kind !== "user") throw new CairnError("UNAUTHENTICATED", "Not signed in. Sign in at / or send credentials.");
      const session = sessionTokenOf(request);
      return { auth_enabled: true, user: await store.getUser(principal.username), ...(session ? { csrf_token: csrfTokenFor(session) } : {}) };
    },
  });
}

/** The server's auth runtime, or the error that says authentication is off. */
export function authOn(request: FastifyRequest): AuthRuntime {
  const runtime = request.server.cairnAuth;
  if (!runtime) throw new CairnError("INVALID_STATE", "Authentication is off on this server, so there is nothing to sign in to. Start it with `cairn server --auth` to use accounts.");
  return runtime;
}
