import type { FastifyServerOptions } from "fastify";

/** Log paths that could hold a credential: request headers as Fastify's and custom serializers log them. */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-cairn-csrf"]',
  "headers.authorization",
  "headers.cookie",
  'res.headers["set-cookie"]',
];

/**
 * Fastify's logger option with pino's redaction of Authorization and Cookie headers added, so
 * no serializer (ours or a user's) can write a password, token or session into the log.
 */
export function withRedaction(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  const options = logger === true ? {} : (logger as Record<string, unknown>);
  const existing = options.redact as string[] | { paths: string[]; censor?: string } | undefined;
  const paths = [...(Array.isArray(existing) ? existing : (existing?.paths ?? [])), ...REDACTED_PATHS];
  return { ...options, redact: { paths, censor: "[redacted]" } } as FastifyServerOptions["logger"];
}
