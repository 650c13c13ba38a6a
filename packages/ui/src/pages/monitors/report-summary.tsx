import { formatShare } from "./monitor-format";
import type { MonitorReport } from "./monitor-wire";

/** The report's headline figures and its plain sentences. */
export function ReportSummary({ report }: { report: MonitorReport }) {
  const { drift } = report;
  return (
    <>
      <ul className="report-figures">
        <li>
          <strong>{report.events}</strong> events in {report.windows} windows
        </li>
        <li>
          <strong>{drift.drifted_features}</strong> of {drift.measured_features} features drifted ({formatShare(drift.drift_share)})
          {drift.dataset_drift ? <span className="badge danger">dataset drift</span> : <span className="badge ok">no dataset drift</span>}
        </li>
        <li>
          <strong>{report.performance.labeled}</strong> labeled events
        </li>
      </ul>
      {report.summary.length > 0 ? (
        <ul className="summary-list report-sentences">
          {report.summary.map((sentence, i) => (
            <li key={i}>{sentence}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
