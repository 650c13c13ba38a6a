import type { FastifyReply, FastifyRequest } from "fastify";
import type { ResolvedAuthOptions } from "./auth-options.js";
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from "./cookies.js";
import { isLoopbackHost } from "./loopback.js";

/** A UI session lasts this long from sign-in (then the UI signs in again). */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/** Whether cookies get Secure: always, never, or ("auto") unless the request is plain http to a loopback host. */
export function cookieIsSecure(request: FastifyRequest, options: ResolvedAuthOptions): boolean {
  if (options.cookieSecure !== "auto") return options.cookieSecure === "always";
  return !(request.protocol === "http" && isLoopbackHost(request.hostname));
}

/** Sets the session cookie (HttpOnly) and the CSRF cookie (readable by the UI's script), both SameSite=Strict, Path=/. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, options: ResolvedAuthOptions, session: string, csrf: string): void {
  const secure = cookieIsSecure(request, options);
  const maxAge = SESSION_TTL_MS / 1000;
  reply.header("set-cookie", [
    serializeCookie(SESSION_COOKIE, session, { httpOnly: true, secure, maxAge }),
    serializeCookie(CSRF_COOKIE, csrf, { httpOnly: false, secure, maxAge }),
  ]);
}

/** Expires both cookies in the browser. */
export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply, options: ResolvedAuthOptions | undefined): void {
  const secure = options ? cookieIsSecure(request, options) : false;
  reply.header("set-cookie", [
    serializeCookie(SESSION_COOKIE, "", { httpOnly: true, secure, maxAge: 0 }),
    serializeCookie(CSRF_COOKIE, "", { httpOnly: false, secure, maxAge: 0 }),
  ]);
}
