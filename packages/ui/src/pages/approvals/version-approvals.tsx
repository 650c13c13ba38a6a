import { Link } from "react-router";
import { governancePaths } from "../../auth/governance-paths";
import { QueryState } from "../../components/page-state";
import { allows } from "../../components/permission-level";
import { useMyLevel } from "../../components/permissions-queries";
import { LoadMore } from "../../components/load-more";
import { useApprovalPolicy, useApprovalRequests } from "./approvals-queries";
import { ApprovalsTable } from "./approvals-table";
import { RequestApprovalForm } from "./request-approval-form";

/** A version's approval requests (every state), the model's policy, and a form to ask for an alias or stage. */
export function VersionApprovals({ name, version }: { name: string; version: string }) {
  const policy = useApprovalPolicy(name);
  const requests = useApprovalRequests({ name });
  const level = useMyLevel({ resource_type: "registered_model", resource_id: name });
  return (
    <div className="version-approvals">
      <QueryState query={policy} what="the approval policy">
        {(p) => (
          <>
            <p className="muted policy-summary">
              {p
                ? `Protected: ${[...p.aliases.map((a) => `alias ${a}`), ...p.stages.map((s) => `stage ${s}`)].join(", ") || "nothing"}; ${p.four_eyes ? "four-eyes (the requester cannot approve)" : "the requester may approve"}.`
                : "No approval policy on this model: aliases and stages move directly."}{" "}
              <Link to={governancePaths.approvals({ model: name })}>All requests of {name}</Link>
            </p>
            {allows(level, "EDIT") ? <RequestApprovalForm name={name} version={version} policy={p} /> : null}
          </>
        )}
      </QueryState>
      <QueryState query={requests} what="the approval requests">
        {(data) => {
          const list = data.pages.flatMap((page) => page.requests ?? []).filter((r) => r.version === version);
          return (
            <>
              {list.length === 0 ? <p className="empty">No approval requests for version {version}.</p> : <ApprovalsTable requests={list} showModel={false} />}
              <LoadMore query={requests} what="requests" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
