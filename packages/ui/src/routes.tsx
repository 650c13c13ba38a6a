import { Navigate, type RouteObject } from "react-router";
import { Layout, RouteError } from "./components/layout";

// Each page is its own chunk, loaded when first visited: the runs table does not wait for the
// chart, markdown and YAML code of other pages to download and compile.
const page = (load: () => Promise<Record<string, unknown>>, name: string): RouteObject["lazy"] =>
  async () => ({ Component: (await load())[name] as React.ComponentType });

/** The route table; paths.ts builds the same URLs. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/experiments" replace /> },
      { path: "experiments", lazy: page(() => import("./pages/experiments/experiments-page"), "ExperimentsPage") },
      { path: "experiments/:experimentId", lazy: page(() => import("./pages/runs/runs-page"), "RunsPage") },
      { path: "experiments/:experimentId/runs/:runId", lazy: page(() => import("./pages/run/run-page"), "RunPage") },
      { path: "compare", lazy: page(() => import("./pages/compare/compare-page"), "ComparePage") },
      { path: "models", lazy: page(() => import("./pages/models/models-page"), "ModelsPage") },
      { path: "models/:name", lazy: page(() => import("./pages/models/model-page"), "ModelPage") },
      { path: "models/:name/versions/:version", lazy: page(() => import("./pages/models/version-page"), "ModelVersionPage") },
      { path: "monitors", lazy: page(() => import("./pages/monitors/monitors-page"), "MonitorsPage") },
      { path: "monitors/:name", lazy: page(() => import("./pages/monitors/monitor-page"), "MonitorPage") },
      { path: "deployments", lazy: page(() => import("./pages/deployments/deployments-page"), "DeploymentsPage") },
      { path: "deployments/:name", lazy: page(() => import("./pages/deployments/deployment-page"), "DeploymentPage") },
      { path: "signin", lazy: page(() => import("./pages/signin/signin-page"), "SignInPage") },
      { path: "approvals", lazy: page(() => import("./pages/approvals/approvals-page"), "ApprovalsPage") },
      { path: "audit", lazy: page(() => import("./pages/audit/audit-page"), "AuditPage") },
      { path: "admin", element: <Navigate to="/admin/users" replace /> },
      { path: "admin/users", lazy: page(() => import("./pages/admin/users-page"), "UsersPage") },
      { path: "admin/groups", lazy: page(() => import("./pages/admin/groups-page"), "GroupsPage") },
      { path: "admin/tokens", lazy: page(() => import("./pages/admin/tokens-page"), "TokensPage") },
      { path: "*", element: <RouteError /> },
    ],
  },
];
