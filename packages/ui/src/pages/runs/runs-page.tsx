import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { experimentQuery } from "../../api/entity-queries";
import { ErrorPanel, Loading, usePageTitle } from "../../components/page-state";
import { PermissionsPanel } from "../../components/permissions-panel";
import { paths } from "../../paths";
import { RunsView } from "./runs-view";

/** Runs of an experiment: the experiment's name over its runs table. */
export function RunsPage() {
  const experimentId = useParams().experimentId ?? "";
  const experiment = useQuery(experimentQuery(experimentId));
  const name = experiment.data?.name;
  usePageTitle(name ? `${name} · runs` : "Runs");
  return (
    <div className="page runs-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={paths.experiments()}>Experiments</Link> /
      </nav>
      {experiment.isError ? (
        <ErrorPanel error={experiment.error} retry={() => void experiment.refetch()} title="Could not load this experiment" />
      ) : (
        <>
          <div className="page-header">
            {experiment.data ? (
              <h1>
                {name}
                {experiment.data.lifecycle_stage === "deleted" ? <span className="badge">deleted</span> : null}
              </h1>
            ) : (
              <Loading what="Loading the experiment" />
            )}
            <span className="muted mono">ID {experimentId}</span>
          </div>
          {/* The runs load alongside the experiment, not after it: first rows sooner. Keyed so that
              selection and expanded rows do not leak between experiments. */}
          <RunsView key={experimentId} experimentId={experimentId} />
          <PermissionsPanel resource_type="experiment" resource_id={experimentId} />
        </>
      )}
    </div>
  );
}
