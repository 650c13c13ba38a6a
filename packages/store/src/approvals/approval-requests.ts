import { sql } from "kysely";
import {
  APPROVAL_LIMITS,
  CairnError,
  invalidParameter,
  nextOffsetToken,
  offsetFromToken,
  parseModelVersion,
  validateModelName,
  type ApprovalRequest,
  type CreateApprovalRequestInput,
  type ListApprovalRequestsInput,
} from "@cairn/core";
import { readableBy } from "../auth/read-scope.js";
import { lockRegisteredModel, requireModelVersion } from "../registry/registry-rows.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { recordWebhookEvent } from "../webhooks/outbox.js";
import { requireApprovalRequest, toApprovalRequest } from "./approval-rows.js";
import { validateRequest, validateStatus } from "./approval-validation.js";

/** Records a PENDING request for an alias or stage move of an existing version, with its CREATED event. */
export async function createApprovalRequest(ctx: StoreContext, input: CreateApprovalRequestInput): Promise<ApprovalRequest> {
  const move = validateRequest(input);
  const { name } = input;
  return inTransaction(ctx, async (trx) => {
    // Requests for one model take turns, so two identical ones cannot both pass the check below.
    await lockRegisteredModel(ctx, trx, name);
    await requireModelVersion(trx, name, move.number);
    const pending = await trx
      .selectFrom("approval_requests")
      .select("request_id")
      .where("name", "=", name)
      .where("version", "=", move.number)
      .where("kind", "=", move.kind)
      .where("target", "=", move.target)
      .where("status", "=", "PENDING")
      .executeTakeFirst();
    if (pending) {
      throw new CairnError(
        "RESOURCE_ALREADY_EXISTS",
        `Request ${pending.request_id} to move ${move.kind} '${move.target}' of '${name}' to version ${move.number} is already pending; wait for its decision or cancel it (cairn models cancel ${pending.request_id}).`,
      );
    }
    const row = {
      request_id: ctx.newId(),
      name,
      version: move.number,
      kind: move.kind,
      target: move.target,
      archive_existing_versions: move.archive_existing_versions ? 1 : 0,
      status: "PENDING",
      requested_by: input.requested_by,
      comment: move.comment,
      decided_by: null,
      decision_comment: null,
      creation_timestamp: ctx.clock(),
      decided_timestamp: null,
    };
    await trx.insertInto("approval_requests").values(row).execute();
    const request = toApprovalRequest(row);
    await recordWebhookEvent(ctx, trx, { entity: "APPROVAL_REQUEST", action: "CREATED" }, { ...request });
    return request;
  });
}

/** Reads one request. */
export async function getApprovalRequest(ctx: StoreContext, requestId: string): Promise<ApprovalRequest> {
  return reading(ctx, async (db) => toApprovalRequest(await requireApprovalRequest(db, requestId)));
}

/** Requests newest first, of one model (and version) or of every model the scope may read, in offset pages. */
export async function listApprovalRequests(ctx: StoreContext, input: ListApprovalRequestsInput): Promise<{ requests: ApprovalRequest[]; next_page_token?: string }> {
  if (input.name !== undefined) validateModelName(input.name);
  if (input.version !== undefined && input.name === undefined) throw invalidParameter("A version filter needs the model's 'name' too.");
  const version = input.version === undefined ? undefined : parseModelVersion(input.version);
  const status = input.status ? validateStatus(input.status) : undefined;
  const max = input.max_results ?? APPROVAL_LIMITS.listDefault;
  if (!Number.isSafeInteger(max) || max < 1 || max > APPROVAL_LIMITS.listMax) {
    throw invalidParameter(`Invalid value ${max} for parameter 'max_results': it must be an integer from 1 to ${APPROVAL_LIMITS.listMax}.`);
  }
  const offset = offsetFromToken(input.page_token);
  return reading(ctx, async (db) => {
    let query = db.selectFrom("approval_requests").selectAll();
    if (input.name !== undefined) query = query.where("name", "=", input.name);
    if (version !== undefined) query = query.where("version", "=", version);
    if (status) query = query.where("status", "=", status);
    if (input.readable_by) query = query.where(readableBy(input.readable_by, "registered_model", sql.ref("approval_requests.name")));
    const rows = await query.orderBy("creation_timestamp", "desc").orderBy("request_id", "desc").limit(max + 1).offset(offset).execute();
    const next = nextOffsetToken(rows.length, offset, max);
    return { requests: rows.slice(0, max).map(toApprovalRequest), ...(next ? { next_page_token: next } : {}) };
  });
}
