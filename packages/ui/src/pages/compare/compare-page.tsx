import { usePageTitle } from "../../components/page-state";

/** Compare runs (being built). */
export function ComparePage() {
  usePageTitle("Compare runs");
  return (
    <div className="page">
      <h1>Compare runs</h1>
    </div>
  );
}
