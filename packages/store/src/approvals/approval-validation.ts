import {
  APPROVAL_LIMITS,
  APPROVAL_STAGES,
  APPROVAL_STATUSES,
  invalidParameter,
  parseModelVersion,
  validateModelName,
  validateNewAlias,
  type ApprovalKind,
  type ApprovalStatus,
  type CreateApprovalRequestInput,
  type ModelVersionStage,
  type SetApprovalPolicyInput,
} from "@cairn/core";

/** A policy's protected aliases and stages, checked, deduplicated and in canonical spelling. */
export interface ValidPolicy {
  aliases: string[];
  stages: ModelVersionStage[];
  four_eyes: boolean;
}

/** A request's move, checked: the version's number, what moves and where. */
export interface ValidRequest {
  number: number;
  kind: ApprovalKind;
  target: string;
  archive_existing_versions: boolean;
  comment: string;
}

/** The canonical spelling of a stage an approval may involve: Staging, Production or Archived (any case). */
export function approvalStage(stage: string, parameter: string): ModelVersionStage {
  const found = APPROVAL_STAGES.find((s) => s.toLowerCase() === String(stage).trim().toLowerCase());
  if (!found) {
    throw invalidParameter(`Invalid stage '${String(stage).slice(0, 40)}' in '${parameter}': use one of ${APPROVAL_STAGES.join(", ")} (any case).`);
  }
  return found;
}

/** Checks approval-policies/set: aliases as the registry checks them, stages Staging/Production/Archived, at least one of them. */
export function validatePolicy(input: SetApprovalPolicyInput): ValidPolicy {
  validateModelName(input.name);
  if (!Array.isArray(input.aliases) || !Array.isArray(input.stages)) {
    throw invalidParameter("'aliases' and 'stages' must be lists, e.g. {\"aliases\": [\"champion\"], \"stages\": [\"Production\"]}.");
  }
  if (input.aliases.length + input.stages.length === 0) {
    throw invalidParameter(`A policy must protect at least one alias or stage. To stop requiring approvals for '${input.name}', delete its policy with approval-policies/delete.`);
  }
  if (input.aliases.length > APPROVAL_LIMITS.policyEntries || input.stages.length > APPROVAL_LIMITS.policyEntries) {
    throw invalidParameter(`A policy protects at most ${APPROVAL_LIMITS.policyEntries} aliases and ${APPROVAL_LIMITS.policyEntries} stages.`);
  }
  for (const alias of input.aliases) validateNewAlias(alias);
  const stages = input.stages.map((s) => approvalStage(s, "stages"));
  return { aliases: [...new Set(input.aliases)], stages: [...new Set(stages)], four_eyes: input.four_eyes ?? true };
}

/** Checks approvals/request: the version, exactly one of alias and stage, the archive flag and the comment. */
export function validateRequest(input: CreateApprovalRequestInput): ValidRequest {
  validateModelName(input.name);
  const number = parseModelVersion(input.version);
  const hasAlias = input.alias !== undefined && input.alias !== "";
  const hasStage = input.stage !== undefined && input.stage !== "";
  if (hasAlias === hasStage) {
    throw invalidParameter("Give exactly one of 'alias' (e.g. \"champion\") or 'stage' (Staging, Production or Archived): a request moves one alias or one stage.");
  }
  const comment = validateComment(input.comment ?? "", "comment");
  if (hasAlias) {
    if (input.archive_existing_versions) throw invalidParameter("'archive_existing_versions' only applies to stage requests; leave it out when requesting an alias.");
    validateNewAlias(input.alias!);
    return { number, kind: "alias", target: input.alias!, archive_existing_versions: false, comment };
  }
  const stage = approvalStage(input.stage!, "stage");
  if (input.archive_existing_versions && stage === "Archived") {
    throw invalidParameter("'archive_existing_versions' only applies to requests for Staging or Production, not Archived.");
  }
  return { number, kind: "stage", target: stage, archive_existing_versions: input.archive_existing_versions === true, comment };
}

/** Checks a comment's length; returns it unchanged. */
export function validateComment(comment: string, parameter: string): string {
  if (typeof comment !== "string") throw invalidParameter(`'${parameter}' must be a string.`);
  if (comment.length > APPROVAL_LIMITS.commentLength) {
    throw invalidParameter(`'${parameter}' is ${comment.length} characters long; the limit is ${APPROVAL_LIMITS.commentLength}.`);
  }
  return comment;
}

/** Checks a status filter (any case) and returns its canonical spelling. */
export function validateStatus(status: string): ApprovalStatus {
  const upper = status.trim().toUpperCase();
  const found = APPROVAL_STATUSES.find((s) => s === upper);
  if (!found) throw invalidParameter(`Invalid status '${status.slice(0, 40)}': use one of ${APPROVAL_STATUSES.join(", ")}.`);
  return found;
}
