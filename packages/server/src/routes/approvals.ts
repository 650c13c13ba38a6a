import type { FastifyInstance, FastifyRequest } from "fastify";
import { isCairnError, wire, type ApprovalDecision, type ApprovalRequest, type CairnStore, type PermissionLevel } from "@cairn/core";
import "../audit/audit-context.js";
import { enforceTargets } from "../auth/access.js";
import { actorName } from "../auth/principal.js";
import { readScope } from "../auth/read-scope.js";
import { addRoute } from "../route.js";

const read = { resource: "registered_model", level: "read" } as const;
const edit = { resource: "registered_model", level: "edit" } as const;
const manage = { resource: "registered_model", level: "manage" } as const;

/**
 * Cairn's approvals (/api/2.0/cairn/approval-policies/... and approvals/...). Routes that name a
 * model are authorized before the handler; those that name only a request_id (approve, reject,
 * cancel, get) check the level on the request's model here, since only the request knows it.
 */
export function approvalRoutes(app: FastifyInstance, store: CairnStore): void {
  addRoute(app, {
    method: "POST",
    url: "/approval-policies/set",
    summary: "Protect aliases and stages of a registered model: they then move only through approved requests",
    input: wire.SetApprovalPolicy,
    permission: manage,
    handler: async (input, _params, request) => ({ policy: await store.setApprovalPolicy({ ...input, updated_by: actorName(request.principal) }) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/approval-policies/get",
    summary: "A registered model's approval policy ({} when it has none)",
    input: wire.ApprovalPolicyName,
    permission: read,
    handler: async (input) => {
      const policy = await store.getApprovalPolicy(input.name);
      if (policy) return { policy };
      // {} only for a model that exists: an unknown one is RESOURCE_DOES_NOT_EXIST, as elsewhere.
      await store.getRegisteredModel(input.name);
      return {};
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/approval-policies/delete",
    summary: "Remove a registered model's approval policy (pending requests stay and can still be decided)",
    input: wire.ApprovalPolicyName,
    permission: manage,
    handler: async (input) => {
      await store.deleteApprovalPolicy(input.name);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/approvals/request",
    summary: "Request moving an alias to a version, or a version to a stage (exactly one of alias and stage)",
    input: wire.CreateApprovalRequest,
    permission: edit,
    handler: async (input, _params, request) => {
      const created = await store.createApprovalRequest({ ...input, requested_by: actorName(request.principal) });
      noteAudit(request, created, "REQUESTED");
      return { request: created };
    },
  });

  const decide = (decision: ApprovalDecision) => async (input: { request_id: string; comment?: string }, request: FastifyRequest) => {
    const pending = await requestFor(store, request, input.request_id, (r) => (decision === "CANCELLED" && r.requested_by === actorName(request.principal) ? "READ" : "MANAGE"));
    const decided = await store.decideApprovalRequest({ request_id: pending.request_id, decision, decided_by: actorName(request.principal), ...(input.comment !== undefined ? { comment: input.comment } : {}) });
    noteAudit(request, decided, decision);
    return { request: decided };
  };

  addRoute(app, {
    method: "POST",
    url: "/approvals/approve",
    summary: "Approve a pending request: the alias or stage moves in the same transaction (MANAGE; under four eyes not by the requester)",
    input: wire.ApproveRequest,
    permission: manage,
    handler: async (input, _params, request) => decide("APPROVED")(input, request),
  });

  addRoute(app, {
    method: "POST",
    url: "/approvals/reject",
    summary: "Reject a pending request, saying why (MANAGE)",
    input: wire.RejectRequest,
    permission: manage,
    handler: async (input, _params, request) => decide("REJECTED")(input, request),
  });

  addRoute(app, {
    method: "POST",
    url: "/approvals/cancel",
    summary: "Withdraw a pending request (its requester, or MANAGE on the model)",
    input: wire.ApprovalRequestId,
    permission: edit,
    handler: async (input, _params, request) => decide("CANCELLED")(input, request),
  });

  addRoute(app, {
    method: "GET",
    url: "/approvals/get",
    summary: "Get one approval request",
    input: wire.ApprovalRequestId,
    permission: read,
    handler: async (input, _params, request) => ({ request: await requestFor(store, request, input.request_id, () => "READ") }),
  });

  addRoute(app, {
    method: "GET",
    url: "/approvals/list",
    summary: "Approval requests newest first: one model's (name), or the inbox over every model the caller may read",
    input: wire.ListApprovalRequests,
    permission: read,
    handler: async (input, _params, request) => {
      // With a name the authorizer has checked READ on it; the inbox keeps only readable models.
      const scope = input.name === undefined ? readScope(request, "registered_model") : undefined;
      return store.listApprovalRequests({ ...input, page_token: input.page_token || undefined, ...(scope ? { readable_by: scope } : {}) });
    },
  });
}

/**
 * Loads a request and checks the caller's level on its model. Refusals name only the request id
 * the caller sent, so they read the same for a request that does not exist and one on a model
 * the caller may not read.
 */
async function requestFor(store: CairnStore, request: FastifyRequest, requestId: string, need: (r: ApprovalRequest) => PermissionLevel): Promise<ApprovalRequest> {
  const runtime = request.server.cairnAuth;
  const asked = `approval request '${requestId}'`;
  let found: ApprovalRequest;
  try {
    found = await store.getApprovalRequest(requestId);
  } catch (error) {
    if (runtime && isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") {
      await enforceTargets(request, runtime, [{ type: "registered_model", missing: true, asked, need: "READ" }]);
    }
    throw error;
  }
  if (runtime) await enforceTargets(request, runtime, [{ type: "registered_model", id: found.name, asked, need: need(found) }]);
  return found;
}

/** The audit entry of a request or decision names the version and what moves. */
function noteAudit(request: FastifyRequest, r: ApprovalRequest, decision: ApprovalDecision | "REQUESTED"): void {
  const move = r.kind === "alias" ? { alias: r.target } : { stage: r.target };
  request.audit = { resource: `models:/${r.name}/${r.version}`, summary: { request_id: r.request_id, ...move, decision } };
}
