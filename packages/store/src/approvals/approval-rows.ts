import type { Kysely, Selectable } from "kysely";
import { CairnError, notFound, type ApprovalPolicy, type ApprovalRequest, type ApprovalStatus } from "@cairn/core";
import type { ApprovalPoliciesTable, ApprovalRequestsTable, Database } from "../schema.js";

/** An approval_requests row as read back. */
export type ApprovalRequestRow = Selectable<ApprovalRequestsTable>;

/** A policy row in the API's shape. */
export function toApprovalPolicy(row: Selectable<ApprovalPoliciesTable>): ApprovalPolicy {
  return {
    name: row.name,
    aliases: parseList(row.aliases_json, `approval policy of '${row.name}'`),
    stages: parseList(row.stages_json, `approval policy of '${row.name}'`),
    four_eyes: Number(row.four_eyes) === 1,
    updated_by: row.updated_by,
    last_updated_timestamp: Number(row.last_updated_timestamp),
  };
}

/** A request row in the API's shape; absent decision fields are left out. */
export function toApprovalRequest(row: ApprovalRequestRow): ApprovalRequest {
  return {
    request_id: row.request_id,
    name: row.name,
    version: String(Number(row.version)),
    kind: row.kind,
    target: row.target,
    archive_existing_versions: Number(row.archive_existing_versions) === 1,
    status: row.status as ApprovalStatus,
    requested_by: row.requested_by,
    comment: row.comment,
    ...(row.decided_by !== null ? { decided_by: row.decided_by } : {}),
    ...(row.decision_comment !== null ? { decision_comment: row.decision_comment } : {}),
    creation_timestamp: Number(row.creation_timestamp),
    ...(row.decided_timestamp !== null ? { decided_timestamp: Number(row.decided_timestamp) } : {}),
  };
}

/** Loads a request or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireApprovalRequest(db: Kysely<Database>, requestId: string): Promise<ApprovalRequestRow> {
  const row = await db.selectFrom("approval_requests").selectAll().where("request_id", "=", requestId).executeTakeFirst();
  if (!row) throw notFound(`Approval request '${requestId}' does not exist. List requests with approvals/list (cairn models requests).`);
  return row;
}

function parseList(text: string, where: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(where, error);
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === "string")) throw corrupt(where);
  return parsed;
}

function corrupt(where: string, cause?: unknown): CairnError {
  return new CairnError("INTERNAL_ERROR", `The stored ${where} is not a JSON list of strings; set the policy again with approval-policies/set.`, cause === undefined ? undefined : { cause });
}
