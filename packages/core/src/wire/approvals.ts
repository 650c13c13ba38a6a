import { Type } from "@sinclair/typebox";
import { APPROVAL_LIMITS } from "../approval-entities.js";

// Request schemas for Cairn's approvals (/api/2.0/cairn/approval-policies/... and approvals/...).
// Only the JSON shape is checked here; aliases, stages, versions and statuses are checked by the
// store, which gives the messages a person can act on.

const Str = () => Type.String();

/** POST approval-policies/set. */
export const SetApprovalPolicy = Type.Object({
  name: Str(),
  aliases: Type.Array(Str()),
  stages: Type.Array(Str()),
  four_eyes: Type.Optional(Type.Boolean()),
});
/** GET approval-policies/get (query) and POST approval-policies/delete (body). */
export const ApprovalPolicyName = Type.Object({ name: Str() });
/** POST approvals/request: exactly one of alias and stage. */
export const CreateApprovalRequest = Type.Object({
  name: Str(),
  version: Str(),
  alias: Type.Optional(Str()),
  stage: Type.Optional(Str()),
  archive_existing_versions: Type.Optional(Type.Boolean()),
  comment: Type.Optional(Str()),
});
/** POST approvals/approve. */
export const ApproveRequest = Type.Object({ request_id: Str(), comment: Type.Optional(Str()) });
/** POST approvals/reject: the reason is required. */
export const RejectRequest = Type.Object({ request_id: Str(), comment: Str() });
/** POST approvals/cancel (body) and GET approvals/get (query). */
export const ApprovalRequestId = Type.Object({ request_id: Str() });
/** GET approvals/list: one model's requests, or the inbox over every readable model. */
export const ListApprovalRequests = Type.Object({
  name: Type.Optional(Str()),
  status: Type.Optional(Str()),
  max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: APPROVAL_LIMITS.listMax })),
  page_token: Type.Optional(Str()),
});
