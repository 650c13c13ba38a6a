import type { Kysely } from "kysely";
import { CairnError, invalidParameter, type ApprovalDecision, type ApprovalRequest, type DecideApprovalInput, type ModelVersionStage, type WebhookAction } from "@cairn/core";
import { setAliasInTransaction } from "../registry/aliases.js";
import { transitionStageInTransaction } from "../registry/model-versions.js";
import type { Database } from "../schema.js";
import { inTransaction, type StoreContext } from "../tracking/context.js";
import { recordWebhookEvent } from "../webhooks/outbox.js";
import { requireApprovalRequest, toApprovalPolicy, toApprovalRequest, type ApprovalRequestRow } from "./approval-rows.js";
import { validateComment } from "./approval-validation.js";

const DECISIONS: readonly ApprovalDecision[] = ["APPROVED", "REJECTED", "CANCELLED"];
const EVENT_ACTION: Record<ApprovalDecision, WebhookAction> = { APPROVED: "APPROVED", REJECTED: "REJECTED", CANCELLED: "CANCELLED" };

/**
 * Decides a PENDING request in one transaction: the status changes by compare-and-set (a second,
 * concurrent decision finds it no longer PENDING and gets INVALID_STATE), an approval moves the
 * alias or stage through the registry's own code, and the APPROVAL_REQUEST event is recorded.
 */
export async function decideApprovalRequest(ctx: StoreContext, input: DecideApprovalInput): Promise<ApprovalRequest> {
  if (!DECISIONS.includes(input.decision)) throw invalidParameter(`Invalid decision '${String(input.decision)}': use one of ${DECISIONS.join(", ")}.`);
  const comment = input.comment === undefined ? undefined : validateComment(input.comment, "comment");
  if (input.decision === "REJECTED" && (comment ?? "").trim() === "") {
    throw invalidParameter("Rejecting a request needs a 'comment' saying why, so the requester knows what to change.");
  }
  return inTransaction(ctx, async (trx) => {
    const before = await requireApprovalRequest(trx, input.request_id);
    requirePending(before);
    if (input.decision === "APPROVED") await requireOtherApprover(trx, before, input.decided_by);
    const now = ctx.clock();
    const changed = await trx
      .updateTable("approval_requests")
      .set({ status: input.decision, decided_by: input.decided_by, decision_comment: comment ?? null, decided_timestamp: now })
      .where("request_id", "=", input.request_id)
      .where("status", "=", "PENDING")
      .executeTakeFirst();
    // Lost the race: another decision committed between the read above and this update.
    if (Number(changed.numUpdatedRows) === 0) requirePending(await requireApprovalRequest(trx, input.request_id), true);
    if (input.decision === "APPROVED") await applyMove(ctx, trx, before);
    const request = toApprovalRequest(await requireApprovalRequest(trx, input.request_id));
    await recordWebhookEvent(ctx, trx, { entity: "APPROVAL_REQUEST", action: EVENT_ACTION[input.decision] }, { ...request });
    return request;
  });
}

function requirePending(row: ApprovalRequestRow, raced = false): void {
  if (row.status === "PENDING" && !raced) return;
  const by = row.decided_by ? ` by ${row.decided_by}` : "";
  throw new CairnError(
    "INVALID_STATE",
    `Approval request ${row.request_id} is already ${row.status}${by}; only PENDING requests can be approved, rejected or cancelled. Make a new request with approvals/request if the move is still wanted.`,
  );
}

/** Under a four-eyes policy the requester may not approve; the policy in force at decision time counts. */
async function requireOtherApprover(trx: Kysely<Database>, row: ApprovalRequestRow, approver: string): Promise<void> {
  const policyRow = await trx.selectFrom("approval_policies").selectAll().where("name", "=", row.name).executeTakeFirst();
  if (!policyRow || !toApprovalPolicy(policyRow).four_eyes || approver !== row.requested_by) return;
  const anonymous = approver === "anonymous";
  throw new CairnError(
    "PERMISSION_DENIED",
    anonymous
      ? `The approval policy of '${row.name}' requires four eyes, and without authentication every caller is 'anonymous', the requester too. Turn authentication on (cairn server --auth) so a second user can approve, or set the policy with four_eyes false (cairn models approval-policy ${row.name} ... --no-four-eyes).`
      : `The approval policy of '${row.name}' requires four eyes: ${approver} made request ${row.request_id} and may not approve it. Ask another user with MANAGE on '${row.name}' to approve it, or cancel it.`,
  );
}

async function applyMove(ctx: StoreContext, trx: Kysely<Database>, row: ApprovalRequestRow): Promise<void> {
  const number = Number(row.version);
  if (row.kind === "alias") {
    await setAliasInTransaction(ctx, trx, row.name, row.target, number);
    return;
  }
  await transitionStageInTransaction(ctx, trx, {
    name: row.name,
    number,
    stage: row.target as ModelVersionStage,
    archive_existing_versions: Number(row.archive_existing_versions) === 1,
  });
}
