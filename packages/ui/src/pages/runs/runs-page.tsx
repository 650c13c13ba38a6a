import { usePageTitle } from "../../components/page-state";

/** Runs of an experiment (being built). */
export function RunsPage() {
  usePageTitle("Runs of an experiment");
  return (
    <div className="page">
      <h1>Runs of an experiment</h1>
    </div>
  );
}
