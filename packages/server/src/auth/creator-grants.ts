import type { FastifyReply, FastifyRequest } from "fastify";
import type { GovernedResource } from "@cairn/core";
import type { AuthRuntime } from "./auth-runtime.js";

interface Creation {
  type: GovernedResource;
  /** The new resource's id, from the request body or the JSON answer. */
  id(body: Record<string, unknown>, answer: () => Record<string, unknown>): unknown;
}

// The routes that create a governed resource; their creator gets MANAGE on it.
const CREATIONS: Record<string, Creation> = {
  "POST /api/2.0/mlflow/experiments/create": { type: "experiment", id: (_body, answer) => answer().experiment_id },
  "POST /api/2.0/mlflow/registered-models/create": { type: "registered_model", id: (body) => body.name },
  "POST /api/2.0/cairn/deployments/create": { type: "deployment", id: (body) => body.name },
  "POST /api/2.0/cairn/monitors/create": { type: "monitor", id: (body) => body.name },
};

/** True for the routes whose success grants the creator MANAGE. */
export function isCreation(request: FastifyRequest): boolean {
  return CREATIONS[`${request.method} ${request.routeOptions.url}`] !== undefined;
}

/**
 * onSend: after a successful creation, grants the creator MANAGE on what they created, before
 * the answer leaves (so the creator's next request already has it). A failed grant fails the
 * request rather than leave a resource its creator cannot manage unnoticed.
 */
export async function grantCreator(request: FastifyRequest, reply: FastifyReply, payload: unknown, runtime: AuthRuntime): Promise<void> {
  const creation = CREATIONS[`${request.method} ${request.routeOptions.url}`];
  const principal = request.principal;
  if (!creation || reply.statusCode !== 200 || principal.kind !== "user") return;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const id = creation.id(body, () => JSON.parse(Buffer.isBuffer(payload) ? payload.toString("utf8") : String(payload)) as Record<string, unknown>);
  if (typeof id !== "string" || id === "") throw new Error(`creation answer of ${request.method} ${request.routeOptions.url} names no ${creation.type} to grant MANAGE on`);
  await runtime.store.setPermission({ resource_type: creation.type, resource_id: id, principal_type: "user", principal: principal.username, level: "MANAGE", granted_by: principal.username });
}
