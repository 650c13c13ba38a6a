import { usePageTitle } from "../../components/page-state";

/** Models (being built). */
export function ModelsPage() {
  usePageTitle("Models");
  return (
    <div className="page">
      <h1>Models</h1>
    </div>
  );
}
