import type {
  ApprovalPolicy,
  ApprovalRequest,
  CreateApprovalRequestInput,
  DecideApprovalInput,
  ListApprovalRequestsInput,
  SetApprovalPolicyInput,
} from "./approval-entities.js";

/**
 * Persistence for approval policies and requests. Inputs are validated whole (alias names as the
 * registry checks them, stages Staging / Production / Archived, versions that exist) before
 * anything is written. Unknown models, versions and requests are RESOURCE_DOES_NOT_EXIST. Request
 * creation and every decision record an APPROVAL_REQUEST webhook event in their own transaction.
 */
export interface ApprovalStore {
  /** Creates or replaces the model's policy. */
  setApprovalPolicy(input: SetApprovalPolicyInput): Promise<ApprovalPolicy>;
  /**
   * The model's policy; undefined when it has none, also when there is no such model (a plain
   * lookup: the registry's guards call it before the registry checks its own input).
   */
  getApprovalPolicy(name: string): Promise<ApprovalPolicy | undefined>;
  /** Removes the policy; a model without one is RESOURCE_DOES_NOT_EXIST. */
  deleteApprovalPolicy(name: string): Promise<void>;

  /** Records a PENDING request; a PENDING request for the same move already is RESOURCE_ALREADY_EXISTS. */
  createApprovalRequest(input: CreateApprovalRequestInput): Promise<ApprovalRequest>;
  getApprovalRequest(requestId: string): Promise<ApprovalRequest>;
  /** Newest first, offset pages. */
  listApprovalRequests(input: ListApprovalRequestsInput): Promise<{ requests: ApprovalRequest[]; next_page_token?: string }>;
  /**
   * Decides a request by compare-and-set on status PENDING: of two concurrent decisions one wins,
   * the other is INVALID_STATE. APPROVED moves the alias or stage, with the registry's own webhook
   * events, in the same transaction; under a four-eyes policy the requester approving is
   * PERMISSION_DENIED. Nothing is written when any step fails.
   */
  decideApprovalRequest(input: DecideApprovalInput): Promise<ApprovalRequest>;
}
