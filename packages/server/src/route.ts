import type { Static, TSchema } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JsonText } from "@cairn/core";

/**
 * What a route needs on which resource, enforced in one place (auth/authorize.ts). Runs and logged
 * models are governed by their experiment. On "server": read is any signed-in user, edit any
 * signed-in user whose credential is not read-only (creating experiments and models), manage admins.
 */
export interface Permission {
  resource: "experiment" | "run" | "logged_model" | "registered_model" | "deployment" | "monitor" | "server";
  /** read < use < edit < manage, as MLflow's READ < USE < EDIT < MANAGE. */
  level: "read" | "use" | "edit" | "manage";
}

export interface RouteSpec<S extends TSchema, P extends TSchema | undefined = undefined> {
  method: "GET" | "POST" | "PATCH" | "DELETE" | ("GET" | "POST")[];
  url: string;
  /** Validated from the query string on GET and from the JSON body otherwise (DELETE too). */
  input: S;
  /** Path parameters, for the REST-style MLflow 3 routes. */
  params?: P;
  permission: Permission;
  summary: string;
  bodyLimit?: number;
  handler(input: Static<S>, params: P extends TSchema ? Static<P> : undefined, request: FastifyRequest): Promise<unknown>;
}

/** A response body that is already JSON (built by the database), sent as is. */
export class RawJson {
  constructor(readonly body: Buffer) {}

  /** Concatenates literal JSON pieces and stored JSON texts (strings or UTF-8 bytes) in one copy. */
  static of(...pieces: (string | JsonText<unknown>)[]): RawJson {
    return new RawJson(Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p) : p))));
  }
}

/** Builds `{"field":[...],"next_page_token":"..."}` around a JSON array text, omitting empty parts as MLflow does. */
export function jsonPage(field: string, list: JsonText<unknown[]> | undefined, nextPageToken?: string): RawJson {
  const token = nextPageToken ? `"next_page_token":${JSON.stringify(nextPageToken)}` : "";
  if (!list) return RawJson.of(`{${token}}`);
  return RawJson.of(`{${JSON.stringify(field)}:`, list, token ? `,${token}}` : "}");
}

/** Registers one MLflow-style route: schema-validated input, coded errors, JSON out. */
export function addRoute<S extends TSchema, P extends TSchema | undefined = undefined>(app: FastifyInstance, spec: RouteSpec<S, P>): void {
  const methods = Array.isArray(spec.method) ? spec.method : [spec.method];
  for (const method of methods) {
    const fromQuery = method === "GET";
    app.route({
      method,
      url: spec.url,
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      schema: {
        summary: spec.summary,
        ...(fromQuery ? { querystring: spec.input } : { body: spec.input }),
        ...(spec.params ? { params: spec.params } : {}),
      },
      config: { permission: spec.permission },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const input = (fromQuery ? request.query : (request.body ?? {})) as Static<S>;
        const result = await spec.handler(input, request.params as never, request);
        if (result instanceof RawJson) return reply.type("application/json; charset=utf-8").send(result.body);
        return result ?? {};
      },
    });
  }
}

declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
}
