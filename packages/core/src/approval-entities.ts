/**
 * Approvals: a registered model's policy protects some aliases and stages, so they move only
 * through a request that someone with MANAGE on the model approves. The approval and the move
 * are one transaction.
 */
import type { ReadScope } from "./auth-entities.js";
import type { ModelVersionStage } from "./registry-entities.js";

/** The stages a policy may protect and a request may move a version to (MLflow's, without None). */
export const APPROVAL_STAGES: readonly ModelVersionStage[] = ["Staging", "Production", "Archived"];

/** Where a request stands; only PENDING requests can be decided. */
export const APPROVAL_STATUSES = ["PENDING", "APPROVED", "REJECTED", "CANCELLED"] as const;
/** One of APPROVAL_STATUSES. */
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** What a request moves: an alias to the version, or the version to a stage. */
export type ApprovalKind = "alias" | "stage";

/** A registered model's approval policy as the API returns it. */
export interface ApprovalPolicy {
  name: string;
  /** Aliases that only move through an approved request. */
  aliases: string[];
  /** Stages a version only enters through an approved request (canonical spelling). */
  stages: string[];
  /** The requester may not approve their own request. */
  four_eyes: boolean;
  updated_by: string;
  last_updated_timestamp: number;
}

/** One request to move an alias or a stage, as the API returns it. */
export interface ApprovalRequest {
  request_id: string;
  name: string;
  /** A decimal string, as model versions are on the wire. */
  version: string;
  kind: ApprovalKind;
  /** The alias, or the canonical stage. */
  target: string;
  /** Stage requests: archive the versions already in that stage when approved. */
  archive_existing_versions: boolean;
  status: ApprovalStatus;
  requested_by: string;
  comment: string;
  decided_by?: string;
  decision_comment?: string;
  creation_timestamp: number;
  decided_timestamp?: number;
}

/** approval-policies/set, with who sets it. */
export interface SetApprovalPolicyInput {
  name: string;
  aliases: string[];
  stages: string[];
  /** Default true. */
  four_eyes?: boolean;
  updated_by: string;
}

/** approvals/request, with who asks. Exactly one of alias and stage. */
export interface CreateApprovalRequestInput {
  name: string;
  version: string;
  alias?: string;
  stage?: string;
  archive_existing_versions?: boolean;
  comment?: string;
  requested_by: string;
}

/** The decisions a request can get, and the status each leaves. */
export type ApprovalDecision = Exclude<ApprovalStatus, "PENDING">;

/** approvals/approve, reject and cancel: the decision and who makes it. */
export interface DecideApprovalInput {
  request_id: string;
  decision: ApprovalDecision;
  decided_by: string;
  comment?: string;
}

/** approvals/list: newest first; filters are exact. */
export interface ListApprovalRequestsInput {
  name?: string;
  /** Only this version's requests (the model card uses it). */
  version?: string;
  status?: string;
  max_results?: number;
  page_token?: string;
  /** Only requests on models the scope's user may read (the inbox with auth on). */
  readable_by?: ReadScope;
}

/** Limits of the approvals API. */
export const APPROVAL_LIMITS = {
  listDefault: 100,
  listMax: 1000,
  commentLength: 5000,
  /** Protected aliases (and stages) per policy. */
  policyEntries: 100,
} as const;
