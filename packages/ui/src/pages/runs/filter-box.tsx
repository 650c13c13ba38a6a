import { useEffect, useState } from "react";
import { FilterError } from "./filter-error";

/** The filter input: applies on Enter or the button, and shows the server's objection under it. */
export function FilterBox({
  applied,
  error,
  rejected,
  pending,
  onApply,
}: {
  applied: string;
  error: unknown;
  /** The filter text the error is about. */
  rejected: string;
  pending: boolean;
  onApply: (filter: string) => void;
}) {
  const [draft, setDraft] = useState(applied);
  // A link or the back button changes the applied filter: show that one.
  useEffect(() => setDraft(applied), [applied]);
  const errorId = "runs-filter-error";
  return (
    <form
      className="runs-filter"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div className="runs-filter-line">
        <label htmlFor="runs-filter-input">Filter runs</label>
        <input
          id="runs-filter-input"
          className="mono"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="metrics.loss < 0.5 AND (params.lr = '0.01' OR tags.team = 'vision')"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit" disabled={pending}>
          {pending ? "Applying…" : "Apply"}
        </button>
        {applied ? (
          <button type="button" onClick={() => onApply("")}>
            Clear
          </button>
        ) : null}
      </div>
      {error ? <FilterError id={errorId} error={error} filter={rejected} /> : null}
    </form>
  );
}
