import type { FastifyReply, FastifyRequest } from "fastify";
import { CairnError } from "@cairn/core";
import type { Principal } from "./principal.js";
import type { AuthRuntime } from "./auth-runtime.js";
import { SESSION_COOKIE, parseCookies } from "./cookies.js";
import { CSRF_HEADER, csrfMatches, isSafeMethod } from "./csrf.js";
import { authenticationRequired, credentialsRefused, csrfRefused, tooManyFailures } from "./denials.js";
import { clearSessionCookies } from "./session-cookies.js";

/**
 * Who the request is from: HTTP Basic (username and password; failures are rate limited),
 * a Bearer API token, or the UI's session cookie (which also needs the CSRF header on anything
 * but GET, HEAD and OPTIONS). An Authorization header wins over the cookie. Throws 401, 403 or 429.
 */
export async function authenticate(request: FastifyRequest, reply: FastifyReply, runtime: AuthRuntime): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
    const scheme = match?.[1]?.toLowerCase();
    if (scheme === "basic") return basic(match![2]!, request, reply, runtime);
    if (scheme === "bearer") return bearer(match![2]!, runtime);
    throw credentialsRefused("malformed", "token");
  }
  const session = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  if (session !== undefined && session !== "") return sessionPrincipal(session, request, reply, runtime);
  throw authenticationRequired();
}

/** Checks a username and password for sign-in (the login route and Basic auth), counting failures. */
export async function signIn(username: string, password: string, request: FastifyRequest, reply: FastifyReply, runtime: AuthRuntime) {
  const wait = runtime.limiter.retryAfterMs(username, request.ip);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    reply.header("retry-after", String(seconds));
    throw tooManyFailures(seconds);
  }
  const user = await runtime.verifier.checkPassword(username, password);
  if (!user) {
    runtime.limiter.recordFailure(username, request.ip);
    throw credentialsRefused("password", "basic");
  }
  runtime.limiter.recordSuccess(username);
  return user;
}

async function basic(encoded: string, request: FastifyRequest, reply: FastifyReply, runtime: AuthRuntime): Promise<Principal> {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw credentialsRefused("malformed", "basic");
  const user = await signIn(decoded.slice(0, colon), decoded.slice(colon + 1), request, reply, runtime);
  return { kind: "user", user_id: user.user_id, username: user.username, is_admin: user.is_admin, read_only: false, via: "basic" };
}

async function bearer(token: string, runtime: AuthRuntime): Promise<Principal> {
  const check = await runtime.verifier.checkCredential(token, "token");
  if (!check.ok) throw credentialsRefused(check.reason, "token");
  const r = check.record;
  return { kind: "user", user_id: r.user_id, username: r.username, is_admin: r.is_admin, read_only: r.read_only, via: "token", credential_id: r.credential_id };
}

async function sessionPrincipal(session: string, request: FastifyRequest, reply: FastifyReply, runtime: AuthRuntime): Promise<Principal> {
  const check = await runtime.verifier.checkCredential(session, "session");
  if (!check.ok) {
    // A dead session cookie is of no further use: let the browser drop it.
    clearSessionCookies(request, reply, runtime.options);
    throw credentialsRefused(check.reason, "session");
  }
  if (!isSafeMethod(request.method) && !csrfMatches(session, request.headers[CSRF_HEADER])) throw csrfRefused();
  const r = check.record;
  return { kind: "user", user_id: r.user_id, username: r.username, is_admin: r.is_admin, read_only: r.read_only, via: "session", credential_id: r.credential_id };
}

/** The session token the request signed in with (the cookie), for sign-out and whoami's CSRF token. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  if (request.principal.kind !== "user" || request.principal.via !== "session") return undefined;
  return parseCookies(request.headers.cookie).get(SESSION_COOKIE);
}

/** True for errors the authentication hook answers with the Basic challenge. */
export function isUnauthenticated(error: unknown): error is CairnError {
  return error instanceof CairnError && error.code === "UNAUTHENTICATED";
}
