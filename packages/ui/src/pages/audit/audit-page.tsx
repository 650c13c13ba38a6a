import { LoadMore } from "../../components/load-more";
import { QueryState, usePageTitle } from "../../components/page-state";
import { useUrlParams } from "../../use-url-params";
import { AuditFilterForm } from "./audit-filter-form";
import { readAuditFilter, toApiFilter } from "./audit-filters";
import { useAuditEntries } from "./audit-queries";
import { AuditTable } from "./audit-table";
import { AuditVerify } from "./audit-verify";

/** The audit log (admin): every change with who, what, where and from which client; filters live in the URL. */
export function AuditPage() {
  usePageTitle("Audit log");
  const [params, setParams] = useUrlParams();
  const filter = readAuditFilter(params);
  const entries = useAuditEntries(toApiFilter(filter));
  const filtered = Object.values(filter).some((v) => v !== "");
  return (
    <div className="page audit-page">
      <div className="page-header">
        <h1>Audit log</h1>
        <AuditVerify />
      </div>
      <AuditFilterForm
        filter={filter}
        apply={(next) => setParams({ resource: next.resource.trim() || undefined, actor: next.actor.trim() || undefined, action: next.action.trim() || undefined, since: next.since || undefined }, { push: true })}
      />
      <QueryState query={entries} what="the audit log">
        {(data) => {
          const list = data.pages.flatMap((p) => p.entries ?? []);
          if (list.length === 0) return <p className="empty">{filtered ? "No entry matches these filters." : "No entries yet: changes are recorded as they happen."}</p>;
          return (
            <>
              <p className="muted" role="status">
                {list.length} {list.length === 1 ? "entry" : "entries"}
                {data.pages.at(-1)?.next_page_token ? " shown, more below" : ""}, newest first
              </p>
              <AuditTable entries={list} />
              <LoadMore query={entries} what="entries" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
