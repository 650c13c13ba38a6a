import { Link } from "react-router";
import { governancePaths } from "../../auth/governance-paths";
import { formatTime } from "../../format";
import type { AuditEntry } from "@cairn/core";

/** Audit entries: time, actor, action, resource (a link filtering by it), request id, client and summary. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">Request id</th>
            <th scope="col">Client</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-seq={e.seq}>
              <td className="num">{e.seq}</td>
              <td className="nowrap">
                <time dateTime={new Date(e.timestamp_ms).toISOString()}>{formatTime(e.timestamp_ms)}</time>
              </td>
              <td className="audit-actor">
                <Link to={governancePaths.audit({ actor: e.actor })} aria-label={`Entries by ${e.actor}`}>
                  {e.actor}
                </Link>
              </td>
              <td className="mono cell-wrap audit-action">{e.action}</td>
              <td className="cell-wrap audit-resource">
                <Link to={governancePaths.audit({ resource: e.resource })} className="mono" aria-label={`Entries about ${e.resource}`}>
                  {e.resource}
                </Link>
              </td>
              <td className="mono cell-wrap">{e.request_id}</td>
              <td className="mono">{e.client}</td>
              <td className="mono cell-wrap audit-summary">{e.summary && Object.keys(e.summary).length > 0 ? JSON.stringify(e.summary) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
