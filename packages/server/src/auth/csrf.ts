import { createHmac } from "node:crypto";
import { safeEqual } from "./constant-time.js";

/** The header a cookie-signed-in request must carry on every method but GET, HEAD and OPTIONS. */
export const CSRF_HEADER = "x-cairn-csrf";

/**
 * The CSRF token of a session: an HMAC of a fixed label keyed by the session token. Only a page
 * that could read the (HttpOnly) session or the sign-in answer can know it, and the server needs
 * no state to check it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("cairn-csrf-v1").digest("base64url");
}

/** Constant-time check of a presented CSRF header against the session's token. */
export function csrfMatches(sessionToken: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== "string" || presented === "") return false;
  return safeEqual(csrfTokenFor(sessionToken), presented);
}

/** Methods that change nothing, which need no CSRF header. */
export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
