import { useEffect, useId, useState } from "react";
import { LoadMore } from "../../components/load-more";
import { QueryState, usePageTitle } from "../../components/page-state";
import { useUrlParams } from "../../use-url-params";
import { APPROVAL_STATUSES } from "@cairn/core";
import { useApprovalRequests } from "./approvals-queries";
import { ApprovalsTable } from "./approvals-table";

/** The approvals inbox: requests across every model you may read, pending ones first by default. */
export function ApprovalsPage() {
  usePageTitle("Approvals");
  const [params, setParams] = useUrlParams();
  // No status parameter means the inbox (pending); "any" shows every state.
  const statusParam = params.get("status") ?? "PENDING";
  const status = statusParam === "any" ? "" : statusParam;
  const model = params.get("model") ?? "";
  const requests = useApprovalRequests({ name: model, status });
  const [modelDraft, setModelDraft] = useState(model);
  useEffect(() => setModelDraft(model), [model]);
  const id = useId();
  return (
    <div className="page approvals-page">
      <h1>Approvals</h1>
      <form
        className="toolbar"
        aria-label="Filter the requests"
        onSubmit={(event) => {
          event.preventDefault();
          setParams({ model: modelDraft.trim() || undefined }, { push: true });
        }}
      >
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={statusParam} onChange={(e) => setParams({ status: e.target.value === "PENDING" ? undefined : e.target.value }, { push: true })}>
          {APPROVAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
          <option value="any">any status</option>
        </select>
        <label htmlFor={`${id}-model`}>Model</label>
        <input id={`${id}-model`} type="search" placeholder="every model" value={modelDraft} onChange={(e) => setModelDraft(e.target.value)} />
        <button type="submit">Show</button>
      </form>
      <QueryState query={requests} what="the requests">
        {(data) => {
          const list = data.pages.flatMap((p) => p.requests ?? []);
          if (list.length === 0) {
            return <p className="empty">{status === "PENDING" ? "Nothing waits for a decision." : "No request matches."} Request one from a model version's page or with `cairn models request`.</p>;
          }
          return (
            <>
              <ApprovalsTable requests={list} />
              <LoadMore query={requests} what="requests" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
