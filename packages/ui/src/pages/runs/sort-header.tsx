import type { RunSort } from "./use-runs-url";

/** A column header; when the server can order by it, a button that sorts (and reverses) by it. */
export function SortHeader({
  label,
  kind,
  sortId,
  numeric,
  sort,
  onSort,
}: {
  label: string;
  kind?: string;
  sortId?: string;
  numeric?: boolean;
  sort: RunSort;
  onSort: (sort: RunSort) => void;
}) {
  const content = (
    <>
      {kind ? <span className="col-kind">{kind} </span> : null}
      {label}
    </>
  );
  if (!sortId) return <th scope="col">{content}</th>;
  const active = sort.id === sortId;
  const next: RunSort = active ? { id: sortId, descending: !sort.descending } : { id: sortId, descending: numeric === true };
  return (
    <th scope="col" aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {content}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (sort.descending ? "▼" : "▲") : "↕"}
        </span>
      </button>
    </th>
  );
}
