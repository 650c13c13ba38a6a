import { Link } from "react-router";
import { paths } from "../../paths";
import { useSourceRun } from "./registry-queries";

/** A link to the run a version came from, named as the run is; the bare id while loading or when the run is gone. */
export function SourceRunLink({ runId }: { runId: string }) {
  const run = useSourceRun(runId);
  if (runId === "") return <span className="muted">—</span>;
  if (run.data) {
    return (
      <Link to={paths.run(run.data.info.experiment_id, runId)} title={runId}>
        {run.data.info.run_name || runId.slice(0, 8)}
      </Link>
    );
  }
  return (
    <span className="mono" title={run.isError ? `Run ${runId} could not be read: ${(run.error as Error).message}` : runId}>
      {runId.slice(0, 8)}
      {run.isError ? <span className="muted"> (not found)</span> : null}
    </span>
  );
}
