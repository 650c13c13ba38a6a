import { useState, type ReactNode } from "react";

/** A search box for names that applies on Enter or its button; children add controls to the same bar. */
export function NameSearchForm({ what, value, onSearch, children }: { what: string; value: string; onSearch: (text: string) => void; children?: ReactNode }) {
  const [draft, setDraft] = useState(value);
  return (
    <form
      className="toolbar"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label>
        <span className="visually-hidden">Search {what} by name</span>
        <input type="search" placeholder="Search by name" value={draft} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit">Search</button>
      {children}
    </form>
  );
}
