import { LoadMore } from "../../components/load-more";
import { QueryState, usePageTitle } from "../../components/page-state";
import { useDeployments } from "./deployment-queries";
import { DeploymentsTable } from "./deployments-table";

/** The deployments: name, model, strategy, with links to their monitors. */
export function DeploymentsPage() {
  usePageTitle("Deployments");
  const query = useDeployments();
  return (
    <div className="page">
      <div className="page-header">
        <h1>Deployments</h1>
      </div>
      <QueryState query={query} what="deployments">
        {(data) => {
          const deployments = data.pages.flatMap((p) => p.deployments);
          if (deployments.length === 0) return <p className="empty">No deployments yet. Create one with `cairn deploy create NAME --model models:/MODEL/VERSION`.</p>;
          return (
            <>
              <DeploymentsTable deployments={deployments} />
              <LoadMore query={query} what="deployments" />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
