import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatNumber, formatTime } from "../../format";
import { paths } from "../../paths";
import { describeAsk } from "../approvals/approval-decision";
import type { ModelCard } from "@cairn/core";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="cell-wrap">{children}</td>
    </tr>
  );
}

function Pairs({ caption, pairs, className }: { caption: string; pairs: [string, ReactNode][]; className: string }) {
  if (pairs.length === 0) return null;
  return (
    <table className={`data-table kv-table ${className}`}>
      <caption>{caption}</caption>
      <tbody>
        {pairs.map(([key, value]) => (
          <Row key={key} label={key}>
            {value}
          </Row>
        ))}
      </tbody>
    </table>
  );
}

/** A signature part as the card gives it: a list of {name, type, shape} columns, or whatever JSON it is. */
function SignaturePart({ value }: { value: unknown }) {
  // An MLmodel keeps its signature as JSON text; the server may pass it on as text or parsed.
  const list = value;
  if (Array.isArray(list)) {
    return (
      <ul className="card-list">
        {list.map((field, i) => {
          const f = field as { name?: string; type?: string; dtype?: string; shape?: unknown; "tensor-spec"?: { dtype?: string; shape?: unknown } };
          const type = f.type === "tensor" ? `tensor<${f["tensor-spec"]?.dtype ?? "?"}>` : (f.type ?? f.dtype ?? "");
          const shape = f.shape ?? f["tensor-spec"]?.shape;
          return (
            <li key={`${f.name ?? ""}-${i}`} className="mono">
              {f.name ?? "(unnamed)"} {type} {Array.isArray(shape) ? `[${shape.join(", ")}]` : ""}
            </li>
          );
        })}
      </ul>
    );
  }
  return <span className="mono">{typeof value === "string" ? value : JSON.stringify(value)}</span>;
}

/** What the card gathers from the registry: the model, its training run with code and data, signature, deployments, monitors, approvals. */
export function ModelCardFacts({ card }: { card: ModelCard }) {
  const { model, run, datasets, signature, deployments, monitors, approvals } = card;
  return (
    <div className="card-facts">
      <div className="card-block">
        <h3>Model</h3>
        <table className="data-table kv-table card-model">
          <tbody>
            <Row label="Description">{model.description || <span className="muted">none</span>}</Row>
            <Row label="Stage">{model.current_stage}</Row>
            <Row label="Aliases">{model.aliases.length > 0 ? model.aliases.map((a) => `@${a}`).join(", ") : <span className="muted">none</span>}</Row>
            <Row label="Status">{model.status}</Row>
            <Row label="Registered">{formatTime(model.creation_timestamp)}</Row>
            <Row label="Source">
              <span className="mono">{model.source}</span>
            </Row>
            {Object.entries(model.tags).map(([k, v]) => (
              <Row key={`tag-${k}`} label={`Tag ${k}`}>
                {v}
              </Row>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card-block card-run">
        <h3>Training run</h3>
        {run ? (
          <>
            <p>
              <Link to={paths.run(run.experiment_id, run.run_id)}>{run.run_name || run.run_id}</Link> <span className="mono muted">{run.run_id}</span>
            </p>
            {run.git ? (
              <Pairs
                caption="Code"
                className="card-git"
                pairs={(
                  [
                    ["Commit", run.git.commit ? <span className="mono">{run.git.commit}</span> : null],
                    ["Branch", run.git.branch],
                    ["Remote", run.git.remote],
                    ["Entry point", run.git.entry_point],
                    ["Working tree", run.git.dirty === undefined ? undefined : run.git.dirty ? "dirty: uncommitted changes" : "clean"],
                  ] as [string, ReactNode][]
                ).filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== "")}
              />
            ) : null}
            <Pairs caption="Parameters" className="card-params" pairs={Object.entries(run.params)} />
            <Pairs caption="Metrics (latest)" className="card-metrics" pairs={Object.entries(run.metrics).map(([k, v]) => [k, formatNumber(v)])} />
          </>
        ) : (
          <p className="empty">No training run is recorded for this version.</p>
        )}
      </div>
      <div className="card-block">
        <h3>Datasets</h3>
        {datasets.length === 0 ? (
          <p className="empty">No datasets logged.</p>
        ) : (
          <ul className="card-list card-datasets">
            {datasets.map((d) => (
              <li key={`${d.name}-${d.digest}-${d.context}`}>
                <strong>{d.name}</strong> {d.context ? <span className="badge">{d.context}</span> : null} <span className="mono muted">{d.digest}</span>
                <div className="mono muted cell-wrap">{d.source}</div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card-block">
        <h3>Inputs and outputs</h3>
        {signature ? (
          <dl className="card-signature">
            <dt>Inputs</dt>
            <dd>
              <SignaturePart value={signature.inputs} />
            </dd>
            <dt>Outputs</dt>
            <dd>
              <SignaturePart value={signature.outputs} />
            </dd>
          </dl>
        ) : (
          <p className="empty">The card has no signature for this version.</p>
        )}
      </div>
      <div className="card-block">
        <h3>Deployments and monitors</h3>
        {deployments.length === 0 && monitors.length === 0 ? <p className="empty">Not deployed or monitored.</p> : null}
        <ul className="card-list card-deployments">
          {deployments.map((d) => (
            <li key={`${d.name}-${d.role}`}>
              <Link to={paths.deployment(d.name)}>{d.name}</Link> {d.role} {d.percent}%
            </li>
          ))}
          {monitors.map((m) => (
            <li key={`monitor-${m.name}`}>
              monitor <Link to={paths.monitor(m.name)}>{m.name}</Link>{" "}
              <span className={`badge ${m.alert_status === "FIRING" ? "danger" : m.alert_status === "OK" ? "ok" : ""}`}>{m.alert_status === "NO_RULES" ? "no alert rules" : m.alert_status}</span>
              {m.firing_rules.length > 0 ? <span className="muted"> firing: {m.firing_rules.join(", ")}</span> : null}
              {m.last_alert ? (
                <div className="muted">
                  last alert {m.last_alert.rule_name} {m.last_alert.state} {formatTime(m.last_alert.timestamp_ms)}: {m.last_alert.message}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      <div className="card-block">
        <h3>Approval history</h3>
        {approvals.length === 0 ? (
          <p className="empty">No approvals recorded.</p>
        ) : (
          <ul className="card-list card-approvals">
            {approvals.map((a) => (
              <li key={a.request_id}>
                {describeAsk(a)}: <strong>{a.status}</strong> — asked by {a.requested_by}
                {a.decided_by ? `, decided by ${a.decided_by}` : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
