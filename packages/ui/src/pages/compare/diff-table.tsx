import type { Run } from "@cairn/core";
import { Link } from "react-router";
import { runColor } from "../../charts/run-colors";
import { formatNumber } from "../../format";
import { paths } from "../../paths";
import { differs, type CompareField } from "./compare-fields";

/** Params, metrics and tags side by side, one column per run; rows whose values differ are marked. */
export function DiffTable({ runs, labels, fields, onlyDifferences }: { runs: readonly Run[]; labels: readonly string[]; fields: CompareField[]; onlyDifferences: boolean }) {
  const rows = onlyDifferences ? fields.filter(differs) : fields;
  return (
    <div className="table-scroll">
      <table className="data-table diff-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            {runs.map((run, i) => (
              <th scope="col" key={run.info.run_id}>
                <span className="swatch" style={{ background: runColor(i) }} aria-hidden="true" />
                <Link to={paths.run(run.info.experiment_id, run.info.run_id)}>{labels[i]}</Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={runs.length + 1} className="empty">
                {onlyDifferences ? "The runs agree on every field." : "These runs have no params, metrics or tags."}
              </td>
            </tr>
          ) : (
            rows.map((field) => {
              const different = differs(field);
              return (
                <tr key={field.id} className={different ? "differs" : undefined} data-field={field.id}>
                  <th scope="row">
                    {field.name} <span className="badge">{field.kind}</span>
                    {different ? <span className="visually-hidden"> (differs)</span> : null}
                  </th>
                  {field.values.map((v, i) => (
                    <td key={runs[i]!.info.run_id} className={field.kind === "metric" ? "num" : undefined}>
                      {v === undefined ? <span className="muted">—</span> : field.kind === "metric" ? formatNumber(v) : String(v)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
