import { usePageTitle } from "../../components/page-state";

/** Run (being built). */
export function RunPage() {
  usePageTitle("Run");
  return (
    <div className="page">
      <h1>Run</h1>
    </div>
  );
}
