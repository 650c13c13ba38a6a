import { useId, useState } from "react";
import { ErrorPanel } from "../../components/page-state";
import { MarkdownText } from "./markdown-text";
import { useRegistryMutation } from "./registry-queries";

/** A Markdown description with an Edit form (textarea, Save, Cancel) that saves through the registry. */
export function DescriptionEditor({ description, what, save }: { description: string | undefined; what: string; save: (text: string) => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(description ?? "");
  const mutation = useRegistryMutation(save);
  const fieldId = useId();

  if (!editing) {
    return (
      <div className="model-description">
        <MarkdownText text={description} empty={`No description of this ${what} yet.`} />
        <button
          type="button"
          onClick={() => {
            setDraft(description ?? "");
            mutation.reset();
            setEditing(true);
          }}
        >
          Edit description
        </button>
      </div>
    );
  }
  return (
    <form
      className="model-description-form"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate(draft, { onSuccess: () => setEditing(false) });
      }}
    >
      <label htmlFor={fieldId}>Description (Markdown)</label>
      <textarea id={fieldId} rows={10} value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} />
      <div className="row-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
      {mutation.isError ? <ErrorPanel error={mutation.error} title="Could not save the description" /> : null}
    </form>
  );
}
