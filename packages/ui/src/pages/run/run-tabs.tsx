import { Link } from "react-router";

/** The run page's views; each is a link (?tab=), so it can be shared and back/forward move between them. */
const RUN_TABS = [
  { id: "overview", label: "Overview" },
  { id: "metrics", label: "Metrics" },
  { id: "artifacts", label: "Artifacts" },
] as const;

/** A tab's id. */
export type RunTab = (typeof RUN_TABS)[number]["id"];

/** The tab a ?tab= value names; the overview when absent or unknown. */
export function runTabOf(value: string | null): RunTab {
  return RUN_TABS.find((t) => t.id === value)?.id ?? "overview";
}

/** The tab bar. */
export function RunTabs({ current }: { current: RunTab }) {
  return (
    <nav className="tabs" aria-label="Run views">
      {RUN_TABS.map((tab) => (
        <Link key={tab.id} to={`?tab=${tab.id}`} aria-current={tab.id === current ? "page" : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
