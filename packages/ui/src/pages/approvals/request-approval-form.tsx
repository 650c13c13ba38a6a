import { useId, useState } from "react";

import { ErrorPanel } from "../../components/page-state";
import { APPROVAL_STAGES, type ApprovalPolicy } from "@cairn/core";
import { approvalsApi } from "./approvals-api";
import { useApprovalMutation } from "./approvals-queries";

/** Asks for an alias or a stage for one version, with a comment for the approver. */
export function RequestApprovalForm({ name, version, policy }: { name: string; version: string; policy: ApprovalPolicy | null }) {
  const [kind, setKind] = useState<"alias" | "stage">(policy && policy.aliases.length === 0 && policy.stages.length > 0 ? "stage" : "alias");
  const [alias, setAlias] = useState(policy?.aliases[0] ?? "");
  const [stage, setStage] = useState(policy?.stages[0] ?? "Production");
  const [archive, setArchive] = useState(false);
  const [comment, setComment] = useState("");
  const request = useApprovalMutation(() =>
    approvalsApi.request(
      kind === "alias"
        ? { name, version, alias: alias.trim(), ...(comment.trim() ? { comment: comment.trim() } : {}) }
        : { name, version, stage, archive_existing_versions: archive, ...(comment.trim() ? { comment: comment.trim() } : {}) },
    ),
  );
  const id = useId();
  return (
    <form
      className="inline-form request-form"
      aria-label={`Request approval for version ${version}`}
      onSubmit={(event) => {
        event.preventDefault();
        request.mutate(undefined, { onSuccess: () => setComment("") });
      }}
    >
      <label htmlFor={`${id}-kind`}>Request</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as "alias" | "stage")}>
        <option value="alias">an alias</option>
        <option value="stage">a stage</option>
      </select>
      {kind === "alias" ? (
        <>
          <label htmlFor={`${id}-alias`}>Alias name</label>
          <input id={`${id}-alias`} required value={alias} placeholder="champion" onChange={(e) => setAlias(e.target.value)} />
        </>
      ) : (
        <>
          <label htmlFor={`${id}-stage`}>Target stage</label>
          <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value)}>
            {APPROVAL_STAGES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <label className="checkbox">
            <input type="checkbox" checked={archive} onChange={(e) => setArchive(e.target.checked)} /> archive other versions in {stage}
          </label>
        </>
      )}
      <label htmlFor={`${id}-comment`}>Why</label>
      <input id={`${id}-comment`} className="grow" value={comment} placeholder="what the approver should know" onChange={(e) => setComment(e.target.value)} />
      <button type="submit" className="primary" disabled={request.isPending || (kind === "alias" && alias.trim() === "")}>
        Request approval
      </button>
      {request.isError ? <ErrorPanel error={request.error} title="Could not request the approval" /> : null}
    </form>
  );
}
