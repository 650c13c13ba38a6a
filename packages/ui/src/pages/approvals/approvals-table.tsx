import { Link } from "react-router";
import { formatTime } from "../../format";
import { paths } from "../../paths";
import { ApprovalDecision, describeAsk } from "./approval-decision";
import type { ApprovalRequest } from "@cairn/core";

const TONE: Record<ApprovalRequest["status"], string> = { PENDING: "info", APPROVED: "ok", REJECTED: "danger", CANCELLED: "" };

/** Approval requests with what they ask, who asked and decided, and the decision controls of pending ones. */
export function ApprovalsTable({ requests, showModel = true }: { requests: ApprovalRequest[]; showModel?: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data-table approvals-table">
        <thead>
          <tr>
            {showModel ? <th scope="col">Model version</th> : null}
            <th scope="col">Asks for</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
            <th scope="col">Decision</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.request_id} data-request={r.request_id} data-status={r.status}>
              {showModel ? (
                <td>
                  <Link to={paths.modelVersion(r.name, r.version)}>
                    {r.name} v{r.version}
                  </Link>
                </td>
              ) : null}
              <td>{describeAsk(r)}</td>
              <td>
                <span className={`badge status-badge ${TONE[r.status]}`}>{r.status}</span>
              </td>
              <td className="cell-wrap">
                {r.requested_by} <span className="muted nowrap">{formatTime(r.creation_timestamp)}</span>
                {r.comment ? <div className="request-comment">“{r.comment}”</div> : null}
              </td>
              <td className="cell-wrap">
                {r.decided_by ? (
                  <>
                    {r.decided_by} <span className="muted nowrap">{formatTime(r.decided_timestamp)}</span>
                    {r.decision_comment ? <div className="request-comment">“{r.decision_comment}”</div> : null}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <ApprovalDecision request={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
