import { useId, useState } from "react";
import { useSession } from "../../auth/session-context";
import { ErrorPanel } from "../../components/page-state";
import { allows } from "../../components/permission-level";
import { useMyLevel } from "../../components/permissions-queries";
import type { ApprovalRequest } from "@cairn/core";
import { approvalsApi } from "./approvals-api";
import { useApprovalMutation, useApprovalPolicy } from "./approvals-queries";

/** What a request asks, in words: "alias champion → version 3". */
export function describeAsk(r: Pick<ApprovalRequest, "kind" | "target" | "version" | "archive_existing_versions">): string {
  const what = r.kind === "alias" ? `alias ${r.target}` : `stage ${r.target}`;
  return `${what} → version ${r.version}${r.kind === "stage" && r.archive_existing_versions ? " (archiving others)" : ""}`;
}

/**
 * The controls of a pending request for whoever looks at it: a manager approves or rejects with a
 * comment; under four-eyes the requester only sees that another approver is needed; the requester
 * may always cancel. The server checks all of it again.
 */
export function ApprovalDecision({ request }: { request: ApprovalRequest }) {
  const session = useSession();
  const policy = useApprovalPolicy(request.name);
  const level = useMyLevel({ resource_type: "registered_model", resource_id: request.name });
  const [comment, setComment] = useState("");
  const [needsComment, setNeedsComment] = useState(false);
  const approve = useApprovalMutation(() => approvalsApi.approve(request.request_id, comment.trim() || undefined));
  const reject = useApprovalMutation(() => approvalsApi.reject(request.request_id, comment.trim()));
  const cancel = useApprovalMutation(() => approvalsApi.cancel(request.request_id));
  const id = useId();
  if (request.status !== "PENDING") return null;

  // With auth off every caller, the requester too, is "anonymous".
  const me = session.status === "off" ? "anonymous" : session.status === "signed-in" ? session.user?.username : undefined;
  const mine = me !== undefined && me === request.requested_by;
  // The server applies four-eyes only under a policy that asks for it.
  const fourEyes = policy.data?.four_eyes ?? false;
  const canDecide = allows(level, "MANAGE") && !(mine && fourEyes);
  const busy = approve.isPending || reject.isPending || cancel.isPending;
  const error = approve.error ?? reject.error ?? cancel.error;
  const label = `request ${request.request_id}`;
  return (
    <div className="approval-decision">
      {mine && fourEyes ? (
        <p className="waiting" data-waiting="four-eyes">
          Waiting for another approver: under four-eyes you cannot approve your own request
          {session.status === "off" ? " (and without sign-in everyone is anonymous: turn authentication on)" : ""}.
        </p>
      ) : !canDecide && level !== undefined ? (
        <p className="waiting">Waiting for someone who manages {request.name}.</p>
      ) : null}
      {canDecide ? (
        <form
          className="inline-form"
          aria-label={`Decide ${label}`}
          onSubmit={(event) => {
            event.preventDefault();
            approve.mutate(undefined);
          }}
        >
          <label htmlFor={`${id}-comment`}>Comment</label>
          <input
            id={`${id}-comment`}
            value={comment}
            aria-invalid={needsComment}
            aria-describedby={needsComment ? `${id}-needs` : undefined}
            onChange={(e) => {
              setComment(e.target.value);
              setNeedsComment(false);
            }}
          />
          <button type="submit" className="primary" disabled={busy} aria-label={`Approve ${label}`}>
            Approve
          </button>
          <button
            type="button"
            className="danger"
            disabled={busy}
            aria-label={`Reject ${label}`}
            onClick={() => (comment.trim() === "" ? setNeedsComment(true) : reject.mutate(undefined))}
          >
            Reject
          </button>
          {needsComment ? (
            <span id={`${id}-needs`} className="field-error" role="alert">
              Say why in the comment: a rejection needs one.
            </span>
          ) : null}
        </form>
      ) : null}
      {mine || allows(level, "MANAGE") ? (
        <button type="button" disabled={busy} aria-label={`Cancel ${label}`} onClick={() => cancel.mutate(undefined)}>
          Cancel request
        </button>
      ) : null}
      {error ? <ErrorPanel error={error} title="Could not decide the request" /> : null}
    </div>
  );
}
