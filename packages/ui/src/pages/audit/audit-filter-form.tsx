import { useEffect, useId, useState } from "react";
import type { AuditUrlFilter } from "./audit-filters";

const EMPTY: AuditUrlFilter = { resource: "", actor: "", action: "", since: "" };

/** The audit filters; Apply puts them in the URL, so a filtered view can be shared as a link. */
export function AuditFilterForm({ filter, apply }: { filter: AuditUrlFilter; apply: (filter: AuditUrlFilter) => void }) {
  const [draft, setDraft] = useState(filter);
  // Back/forward or a shared link changes the URL under the form: show what is applied.
  const { resource, actor, action, since } = filter;
  useEffect(() => setDraft({ resource, actor, action, since }), [resource, actor, action, since]);
  const id = useId();
  const field = (key: keyof AuditUrlFilter) => ({ id: `${id}-${key}`, value: draft[key], onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }) });
  return (
    <form
      className="audit-filters"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        apply(draft);
      }}
    >
      <div>
        <label htmlFor={`${id}-resource`}>Resource</label>
        <input {...field("resource")} placeholder="models:/churn" />
      </div>
      <div>
        <label htmlFor={`${id}-actor`}>Actor</label>
        <input {...field("actor")} placeholder="username" />
      </div>
      <div>
        <label htmlFor={`${id}-action`}>Action</label>
        <input {...field("action")} placeholder="POST /api/2.0/mlflow/registered-models/alias" />
      </div>
      <div>
        <label htmlFor={`${id}-since`}>Since</label>
        <input {...field("since")} type="datetime-local" step={1} />
      </div>
      <div className="row-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY);
            apply(EMPTY);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
