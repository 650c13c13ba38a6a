import type { ApprovalStore } from "@cairn/core";
import * as decisions from "./approvals/approval-decisions.js";
import * as policies from "./approvals/approval-policies.js";
import * as requests from "./approvals/approval-requests.js";
import type { StoreContext } from "./tracking/context.js";

/** The ApprovalStore over either dialect: policies, requests and their decisions. */
export function createApprovalStore(ctx: StoreContext): ApprovalStore {
  return {
    setApprovalPolicy: (input) => policies.setApprovalPolicy(ctx, input),
    getApprovalPolicy: (name) => policies.getApprovalPolicy(ctx, name),
    deleteApprovalPolicy: (name) => policies.deleteApprovalPolicy(ctx, name),
    createApprovalRequest: (input) => requests.createApprovalRequest(ctx, input),
    getApprovalRequest: (id) => requests.getApprovalRequest(ctx, id),
    listApprovalRequests: (input) => requests.listApprovalRequests(ctx, input),
    decideApprovalRequest: (input) => decisions.decideApprovalRequest(ctx, input),
  };
}
