import { Link, useParams, useSearchParams } from "react-router";
import type { Run } from "@cairn/core";
import { ArtifactBrowser } from "../../components/artifacts/artifact-browser";
import { QueryState, usePageTitle } from "../../components/page-state";
import { paths } from "../../paths";
import { RunMetricsTab } from "./run-metrics-tab";
import { RunOverview } from "./run-overview";
import { RunStatusBadge } from "../../components/run-status-badge";
import { RunTabs, runTabOf, type RunTab } from "./run-tabs";
import { useExperiment, useRun } from "./use-run";

/** One run: overview, metric charts and artifacts, each tab a deep link (?tab=, and ?path= for a file). */
export function RunPage() {
  const { experimentId = "", runId = "" } = useParams();
  const [params] = useSearchParams();
  const tab = runTabOf(params.get("tab"));
  const run = useRun(runId);
  const experiment = useExperiment(run.data?.info.experiment_id ?? experimentId);
  const runName = run.data?.info.run_name || runId;
  usePageTitle(run.data ? `${runName} · ${experiment.data?.name ?? "Run"}` : "Run");

  return (
    <div className="page run-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={paths.experiments()}>Experiments</Link> / <Link to={paths.experiment(run.data?.info.experiment_id ?? experimentId)}>{experiment.data?.name ?? experimentId}</Link> /{" "}
        <span aria-current="page">{runName}</span>
      </nav>
      <QueryState query={run} what="the run">
        {(data) => (
          <>
            <div className="page-header">
              <h1>
                {runName}
                <RunStatusBadge status={data.info.status} />
              </h1>
            </div>
            <RunTabs current={tab} />
            <TabPanel tab={tab} run={data} metric={params.get("metric")} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function TabPanel({ tab, run, metric }: { tab: RunTab; run: Run; metric: string | null }) {
  switch (tab) {
    case "metrics":
      return <RunMetricsTab run={run} metric={metric} />;
    case "artifacts":
      return <ArtifactBrowser artifactUri={run.info.artifact_uri} />;
    default:
      return <RunOverview run={run} />;
  }
}
