import type { ApprovalPolicy, ApprovalRequest, wire } from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const POLICIES = "/api/2.0/cairn/approval-policies";
const APPROVALS = "/api/2.0/cairn/approvals";
// A request sent twice is refused as already pending, and a decision sent twice as already
// decided: a call that may have reached the server is reported, not sent again.
const ONCE: CallOptions = { notIdempotent: true };

/** Body of approval-policies/set. */
export type SetApprovalPolicyRequest = wire.Request<typeof wire.SetApprovalPolicy>;
/** Body of approvals/request: exactly one of alias and stage. */
export type CreateApprovalRequestRequest = wire.Request<typeof wire.CreateApprovalRequest>;
/** Query of approvals/list: one model's requests, or the inbox over every model the caller may read. */
export type ListApprovalRequestsRequest = wire.Request<typeof wire.ListApprovalRequests>;

/** Cairn's approvals: policies protecting aliases and stages, and the requests that move them. */
export interface ApprovalsApi {
  /** POST approval-policies/set: protect aliases and stages of a model (MANAGE); four_eyes defaults to true. */
  setPolicy(request: SetApprovalPolicyRequest): Promise<{ policy: ApprovalPolicy }>;
  /** GET approval-policies/get: the model's policy, undefined when it has none. */
  getPolicy(request: { name: string }): Promise<ApprovalPolicy | undefined>;
  /** POST approval-policies/delete: the protected aliases and stages move freely again. */
  deletePolicy(request: { name: string }): Promise<void>;
  /** POST approvals/request: ask for an alias move to a version, or a version's move to a stage. */
  request(request: CreateApprovalRequestRequest): Promise<{ request: ApprovalRequest }>;
  /** POST approvals/approve: the move happens with the approval (MANAGE; under four eyes not by the requester). */
  approve(request: { request_id: string; comment?: string }): Promise<{ request: ApprovalRequest }>;
  /** POST approvals/reject: the comment says why. */
  reject(request: { request_id: string; comment: string }): Promise<{ request: ApprovalRequest }>;
  /** POST approvals/cancel: withdraws a pending request (its requester, or MANAGE). */
  cancel(request: { request_id: string }): Promise<{ request: ApprovalRequest }>;
  /** GET approvals/get. */
  get(request: { request_id: string }): Promise<{ request: ApprovalRequest }>;
  /** GET approvals/list: newest first. */
  list(request?: ListApprovalRequestsRequest): Promise<{ requests: ApprovalRequest[]; next_page_token?: string }>;
}

/** Binds the approval endpoints to a transport. */
export function createApprovalsApi(t: Transport): ApprovalsApi {
  return {
    setPolicy: (request) => t.call("POST", `${POLICIES}/set`, request),
    async getPolicy(request) {
      return (await t.call<{ policy?: ApprovalPolicy }>("GET", `${POLICIES}/get`, request)).policy;
    },
    deletePolicy: (request) => t.send("POST", `${POLICIES}/delete`, request),
    request: (request) => t.call("POST", `${APPROVALS}/request`, request, ONCE),
    approve: (request) => t.call("POST", `${APPROVALS}/approve`, request, ONCE),
    reject: (request) => t.call("POST", `${APPROVALS}/reject`, request, ONCE),
    cancel: (request) => t.call("POST", `${APPROVALS}/cancel`, request, ONCE),
    get: (request) => t.call("GET", `${APPROVALS}/get`, request),
    async list(request = {}) {
      const page = await t.call<{ requests?: ApprovalRequest[]; next_page_token?: string }>("GET", `${APPROVALS}/list`, request);
      return { ...page, requests: page.requests ?? [] };
    },
  };
}
