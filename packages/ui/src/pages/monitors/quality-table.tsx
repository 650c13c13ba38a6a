import { formatShare } from "./monitor-format";
import type { QualitySummary } from "./monitor-wire";

/** Data quality over the range: per column, how often a feature was missing, of the wrong type, or not in the schema. */
export function QualityTable({ quality }: { quality: QualitySummary }) {
  const columns = [...new Set([...Object.keys(quality.missing_feature), ...Object.keys(quality.wrong_type), ...Object.keys(quality.unknown_column)])].sort();
  return (
    <>
      <p>
        {quality.issues === 0
          ? `No schema problems in ${quality.events} events.`
          : `${quality.issues} schema problems over ${quality.events} events (${formatShare(quality.issue_rate)} per event).`}
      </p>
      {columns.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table quality-table">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Missing feature</th>
                <th scope="col">Wrong type</th>
                <th scope="col">Unknown column</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c} data-column={c}>
                  <th scope="row">{c}</th>
                  <td className="num">{quality.missing_feature[c] ?? 0}</td>
                  <td className="num">{quality.wrong_type[c] ?? 0}</td>
                  <td className="num">{quality.unknown_column[c] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
