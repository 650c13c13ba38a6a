import type { Static, TSchema } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Permission } from "../route.js";

/** Like addRoute's spec, for the few handlers that set headers (cookies, Retry-After) and so need the reply. */
export interface ReplyRouteSpec<S extends TSchema> {
  method: "GET" | "POST";
  url: string;
  input: S;
  permission: Permission;
  summary: string;
  bodyLimit?: number;
  handler(input: Static<S>, request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

/** Registers a route the way addRoute does (same schema placement and permission config), handing the reply to the handler. */
export function addReplyRoute<S extends TSchema>(app: FastifyInstance, spec: ReplyRouteSpec<S>): void {
  const fromQuery = spec.method === "GET";
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    schema: { summary: spec.summary, ...(fromQuery ? { querystring: spec.input } : { body: spec.input }) },
    config: { permission: spec.permission },
    handler: async (request, reply) => (await spec.handler((fromQuery ? request.query : (request.body ?? {})) as Static<S>, request, reply)) ?? {},
  });
}
