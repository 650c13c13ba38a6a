import type { FastifyReply, FastifyRequest } from "fastify";
import { CairnError } from "@cairn/core";
import { isSafeMethod } from "./csrf.js";
import { crossSiteRefused } from "./denials.js";

const ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
const ALLOW_HEADERS = "authorization, content-type, x-cairn-csrf, x-request-id";

/**
 * Browser origins, in the onRequest hook before authentication. CORS is closed unless origins
 * are configured: no Access-Control-* header is ever sent, and a preflight finds no route (404).
 * With origins, a listed origin gets its preflight answered and the allow-origin header on every
 * answer; an unlisted origin's preflight is refused (403) without those headers. Whatever the
 * CORS setting, a request that changes something and carries the Origin of another site is
 * refused (403): browsers send cached Basic credentials and cookies along with cross-site form
 * posts, and this stops those from acting.
 */
export async function checkOrigin(request: FastifyRequest, reply: FastifyReply, origins: readonly string[]): Promise<boolean> {
  const origin = request.headers.origin;
  const listed = typeof origin === "string" && origins.includes(origin);
  if (origins.length > 0) reply.header("vary", "Origin");
  if (listed) reply.header("access-control-allow-origin", origin).header("access-control-expose-headers", "retry-after, x-request-id");
  if (request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined && origins.length > 0) {
    if (!listed) throw new CairnError("PERMISSION_DENIED", `Origin '${String(origin ?? "none")}' may not call this API from a browser. Start the server with --cors-origin <origin> to allow a site.`);
    await reply.status(204).header("access-control-allow-methods", ALLOW_METHODS).header("access-control-allow-headers", ALLOW_HEADERS).header("access-control-max-age", "600").send();
    return true;
  }
  if (typeof origin === "string" && !isSafeMethod(request.method) && !listed && !sameOrigin(origin, request.headers.host)) throw crossSiteRefused(origin);
  return false;
}

/** True when the Origin header names the host the request was sent to (the UI's own pages). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (origin === "null" || host === undefined) return false;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host.toLowerCase() === host.toLowerCase();
}
