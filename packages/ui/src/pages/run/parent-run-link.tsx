import { Link } from "react-router";
import { paths } from "../../paths";
import { useRun } from "./use-run";

/** A link to the parent run, by its name once loaded (by its id until then, or if it cannot be read). */
export function ParentRunLink({ runId, experimentId }: { runId: string; experimentId: string }) {
  const parent = useRun(runId);
  const info = parent.data?.info;
  return (
    <>
      <Link to={paths.run(info?.experiment_id ?? experimentId, runId)}>{info?.run_name || runId}</Link>
      {info?.run_name ? <span className="muted mono"> {runId}</span> : null}
      {parent.isError ? <span className="muted"> (could not be read: {(parent.error as Error).message})</span> : null}
    </>
  );
}
