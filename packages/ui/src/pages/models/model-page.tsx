import { usePageTitle } from "../../components/page-state";

/** Model (being built). */
export function ModelPage() {
  usePageTitle("Model");
  return (
    <div className="page">
      <h1>Model</h1>
    </div>
  );
}
