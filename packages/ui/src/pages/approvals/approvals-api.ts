import type { ApprovalPolicy, ApprovalRequest } from "@cairn/core";
import { getJson, postJson } from "../../auth/governance-http";

/** What a request asks for: exactly one of alias and stage. */
export type ApprovalAsk = { name: string; version: string; comment?: string } & ({ alias: string } | { stage: string; archive_existing_versions?: boolean });

/** The approval endpoints (contract: Approvals). */
export const approvalsApi = {
  /** Requests newest first; without name, the inbox over every model the caller may read. */
  list: (q: { name?: string; status?: string; max_results?: number; page_token?: string }, signal?: AbortSignal) =>
    getJson<{ requests?: ApprovalRequest[]; next_page_token?: string }>("approvals/list", q, signal),
  /** Asks for an alias or stage move (EDIT on the model). */
  request: (ask: ApprovalAsk) => postJson<{ request: ApprovalRequest }>("approvals/request", ask),
  /** Approves; the move happens with the decision (MANAGE; not the requester under four-eyes). */
  approve: (request_id: string, comment?: string) => postJson<{ request: ApprovalRequest }>("approvals/approve", { request_id, ...(comment ? { comment } : {}) }),
  /** Rejects with a reason (MANAGE). */
  reject: (request_id: string, comment: string) => postJson<{ request: ApprovalRequest }>("approvals/reject", { request_id, comment }),
  /** Withdraws a pending request (the requester, or MANAGE). */
  cancel: (request_id: string) => postJson<{ request: ApprovalRequest }>("approvals/cancel", { request_id }),
  /** A model's policy; `{}` when it has none. */
  policy: (name: string, signal?: AbortSignal) => getJson<{ policy?: ApprovalPolicy }>("approval-policies/get", { name }, signal),
};
