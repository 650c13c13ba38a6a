import { useId, useState } from "react";
import { ErrorPanel } from "../../components/page-state";
import type { ModelCardFields } from "@cairn/core";
import { useSaveModelCard } from "./model-card-queries";

/** "alice, bob ,, carol" → ["alice", "bob", "carol"]. */
export function parseOwners(text: string): string[] {
  return text
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "");
}

/** The card's written fields as a form: intended use, limitations, ethical considerations, owners. */
export function ModelCardEditor({ name, version, fields, done }: { name: string; version: string; fields: ModelCardFields; done: () => void }) {
  const [intendedUse, setIntendedUse] = useState(fields.intended_use);
  const [limitations, setLimitations] = useState(fields.limitations);
  const [ethics, setEthics] = useState(fields.ethical_considerations);
  const [owners, setOwners] = useState(fields.owners.join(", "));
  const save = useSaveModelCard(name, version);
  const id = useId();
  return (
    <form
      className="model-card-form"
      aria-label="Edit the model card"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ intended_use: intendedUse, limitations, ethical_considerations: ethics, owners: parseOwners(owners) }, { onSuccess: done });
      }}
    >
      <label htmlFor={`${id}-use`}>Intended use</label>
      <textarea id={`${id}-use`} rows={3} autoFocus value={intendedUse} onChange={(e) => setIntendedUse(e.target.value)} />
      <label htmlFor={`${id}-limits`}>Limitations</label>
      <textarea id={`${id}-limits`} rows={3} value={limitations} onChange={(e) => setLimitations(e.target.value)} />
      <label htmlFor={`${id}-ethics`}>Ethical considerations</label>
      <textarea id={`${id}-ethics`} rows={3} value={ethics} onChange={(e) => setEthics(e.target.value)} />
      <label htmlFor={`${id}-owners`}>Owners (comma-separated)</label>
      <input id={`${id}-owners`} value={owners} onChange={(e) => setOwners(e.target.value)} />
      <div className="row-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving the card…" : "Save model card"}
        </button>
        <button type="button" onClick={done}>
          Discard changes
        </button>
      </div>
      {save.isError ? <ErrorPanel error={save.error} title="Could not save the model card" /> : null}
    </form>
  );
}
