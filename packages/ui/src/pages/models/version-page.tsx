import { usePageTitle } from "../../components/page-state";

/** Model version (being built). */
export function ModelVersionPage() {
  usePageTitle("Model version");
  return (
    <div className="page">
      <h1>Model version</h1>
    </div>
  );
}
