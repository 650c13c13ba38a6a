import { Navigate, type RouteObject } from "react-router";
import { Layout, RouteError } from "./components/layout";
import { ComparePage } from "./pages/compare/compare-page";
import { ExperimentsPage } from "./pages/experiments/experiments-page";
import { ModelPage } from "./pages/models/model-page";
import { ModelsPage } from "./pages/models/models-page";
import { ModelVersionPage } from "./pages/models/version-page";
import { RunPage } from "./pages/run/run-page";
import { RunsPage } from "./pages/runs/runs-page";

/** The route table; paths.ts builds the same URLs. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/experiments" replace /> },
      { path: "experiments", element: <ExperimentsPage /> },
      { path: "experiments/:experimentId", element: <RunsPage /> },
      { path: "experiments/:experimentId/runs/:runId", element: <RunPage /> },
      { path: "compare", element: <ComparePage /> },
      { path: "models", element: <ModelsPage /> },
      { path: "models/:name", element: <ModelPage /> },
      { path: "models/:name/versions/:version", element: <ModelVersionPage /> },
      { path: "*", element: <RouteError /> },
    ],
  },
];
