import { useState } from "react";
import type { Experiment } from "@cairn/core";
import { cairn } from "../../api/client";
import { ErrorPanel } from "../../components/page-state";
import { useRefreshingMutation } from "../../api/use-refreshing-mutation";
import { EXPERIMENTS_KEY } from "./experiments-key";

/** Rename, delete or restore one experiment, in its table row. */
export function ExperimentActions({ experiment }: { experiment: Experiment }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(experiment.name);
  const id = experiment.experiment_id;
  const rename = useRefreshingMutation([EXPERIMENTS_KEY], (newName: string) => cairn.experiments.rename({ experiment_id: id, new_name: newName }));
  const remove = useRefreshingMutation([EXPERIMENTS_KEY], () => cairn.experiments.delete({ experiment_id: id }));
  const restore = useRefreshingMutation([EXPERIMENTS_KEY], () => cairn.experiments.restore({ experiment_id: id }));
  const failed = [rename, remove, restore].find((m) => m.isError);

  if (renaming) {
    return (
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate(name.trim(), { onSuccess: () => setRenaming(false) });
        }}
      >
        <label>
          <span className="visually-hidden">New name for {experiment.name}</span>
          <input autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={rename.isPending}>
          Save
        </button>
        <button type="button" onClick={() => setRenaming(false)}>
          Cancel
        </button>
        {failed ? <ErrorPanel error={failed.error} title="Could not rename" /> : null}
      </form>
    );
  }
  return (
    <div className="row-actions">
      {experiment.lifecycle_stage === "deleted" ? (
        <button type="button" onClick={() => restore.mutate(undefined)} disabled={restore.isPending}>
          Restore
        </button>
      ) : (
        <>
          <button type="button" onClick={() => setRenaming(true)} aria-label={`Rename ${experiment.name}`}>
            Rename
          </button>
          <button
            type="button"
            className="danger"
            aria-label={`Delete ${experiment.name}`}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the experiment “${experiment.name}” and its runs? It can be restored.`)) remove.mutate(undefined);
            }}
          >
            Delete
          </button>
        </>
      )}
      {failed ? <ErrorPanel error={failed.error} title="That did not work" /> : null}
    </div>
  );
}
