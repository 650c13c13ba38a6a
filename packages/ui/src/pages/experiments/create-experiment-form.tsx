import { useState } from "react";
import { useNavigate } from "react-router";
import { cairn } from "../../api/client";
import { ErrorPanel } from "../../components/page-state";
import { paths } from "../../paths";
import { useRefreshingMutation } from "../../api/use-refreshing-mutation";
import { EXPERIMENTS_KEY } from "./experiments-key";

/** A one-field form that creates an experiment and opens it. */
export function CreateExperimentForm() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const navigate = useNavigate();
  const create = useRefreshingMutation([EXPERIMENTS_KEY], (experimentName: string) => cairn.experiments.create({ name: experimentName }));
  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        New experiment
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(name.trim(), { onSuccess: (answer) => navigate(paths.experiment(answer.experiment_id)) });
      }}
    >
      <label>
        Experiment name <input autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={create.isPending || name.trim() === ""}>
        Create
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {create.isError ? <ErrorPanel error={create.error} title="Could not create the experiment" /> : null}
    </form>
  );
}
