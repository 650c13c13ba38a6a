import type { ReactNode } from "react";
import { Link } from "react-router";
import type { CodeCheckpoint, DatasetInput, ModelLineage, Run } from "@cairn/core";
import { formatNumber, formatTime } from "../../format";
import { paths } from "../../paths";
import { RepoLink } from "../../components/repo-link";
import { TAG } from "../../run-tags";

/** Where a version came from: experiment, source run (params, metrics), code checkpoint, datasets, and the links that are broken. */
export function VersionLineage({ lineage }: { lineage: ModelLineage }) {
  const { run, experiment, code, datasets, logged_model: logged, missing } = lineage;
  return (
    <div className="lineage">
      {missing && missing.length > 0 ? (
        <ul className="lineage-notes" aria-label="Missing lineage">
          {missing.map((note) => (
            <li key={note} role="note">
              {note}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="lineage-facts">
        {experiment ? (
          <>
            <dt>Experiment</dt>
            <dd>
              <Link to={paths.experiment(experiment.experiment_id)}>{experiment.name}</Link>
            </dd>
          </>
        ) : null}
        {run ? (
          <>
            <dt>Source run</dt>
            <dd>
              <Link to={paths.run(run.info.experiment_id, run.info.run_id)}>{run.info.run_name || run.info.run_id}</Link>{" "}
              <span className="badge">{run.info.status}</span> <span className="muted">started {formatTime(run.info.start_time)}</span>
            </dd>
          </>
        ) : null}
        {logged ? (
          <>
            <dt>Logged model</dt>
            <dd>
              {logged.info.name} <span className="mono muted">{logged.info.model_id}</span>
            </dd>
          </>
        ) : null}
      </dl>
      {code ? <CodeFacts code={code} /> : null}
      {run ? <RunValues run={run} /> : null}
      {datasets && datasets.length > 0 ? <Datasets inputs={datasets} /> : null}
    </div>
  );
}

function CodeFacts({ code }: { code: CodeCheckpoint }) {
  return (
    <>
      <h3>Code checkpoint</h3>
      <table className="data-table kv-table code-checkpoint">
        <tbody>
          {code.git_commit ? <Fact label="Git commit" value={<span className="mono">{code.git_commit}</span>} /> : null}
          {code.git_branch ? <Fact label="Branch" value={<span className="mono">{code.git_branch}</span>} /> : null}
          {code.git_repo_url ? <Fact label="Repository" value={<RepoLink url={code.git_repo_url} />} /> : null}
          {code.git_dirty !== undefined ? (
            <Fact label="Working tree" value={code.git_dirty ? <span className="badge warn">dirty: uncommitted changes</span> : <span className="badge ok">clean</span>} />
          ) : null}
          {code.source_name ? <Fact label="Entry point" value={<span className="mono">{code.source_name}</span>} /> : null}
        </tbody>
      </table>
    </>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="cell-wrap">{value}</td>
    </tr>
  );
}

function RunValues({ run }: { run: Run }) {
  return (
    <div className="lineage-values">
      <ValuesTable title="Parameters" className="run-params" none="The run logged no parameters." rows={(run.data.params ?? []).map((p) => [p.key, p.value])} />
      <ValuesTable title="Metrics" className="run-metrics" none="The run logged no metrics." rows={(run.data.metrics ?? []).map((m) => [m.key, formatNumber(m.value)])} />
    </div>
  );
}

function ValuesTable({ title, className, none, rows }: { title: string; className: string; none: string; rows: [string, string][] }) {
  return (
    <div>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="empty">{none}</p>
      ) : (
        <table className={`data-table kv-table ${className}`}>
          <tbody>
            {rows.map(([key, value]) => (
              <Fact key={key} label={key} value={<span className="mono">{value}</span>} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Datasets({ inputs }: { inputs: DatasetInput[] }) {
  return (
    <>
      <h3>Datasets</h3>
      <div className="table-scroll">
        <table className="data-table datasets-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Context</th>
              <th scope="col">Digest</th>
              <th scope="col">Source type</th>
            </tr>
          </thead>
          <tbody>
            {inputs.map((input) => (
              <tr key={`${input.dataset.name}-${input.dataset.digest}`}>
                <td>{input.dataset.name}</td>
                <td>{input.tags?.find((t) => t.key === TAG.datasetContext)?.value ?? "—"}</td>
                <td className="mono">{input.dataset.digest}</td>
                <td>{input.dataset.source_type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
