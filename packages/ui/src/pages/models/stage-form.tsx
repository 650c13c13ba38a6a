import { useState } from "react";
import { MODEL_VERSION_STAGES, type ModelVersionStage } from "@cairn/core";
import { cairn } from "../../api/client";
import { ErrorPanel } from "../../components/page-state";
import { useRegistryMutation } from "./registry-queries";

/**
 * Moves a version to another stage. A button applies the choice, rather than the select's
 * change event, so that arrowing through the options with the keyboard moves nothing.
 */
export function StageForm({ name, version, stage }: { name: string; version: string; stage: ModelVersionStage }) {
  const [chosen, setChosen] = useState<ModelVersionStage>(stage);
  const [archiveOthers, setArchiveOthers] = useState(false);
  const transition = useRegistryMutation((to: ModelVersionStage) =>
    cairn.registry.transitionModelVersionStage({ name, version, stage: to, archive_existing_versions: archiveOthers && (to === "Staging" || to === "Production") }),
  );
  return (
    <form
      className="inline-form stage-form"
      aria-label={`Stage of version ${version}`}
      onSubmit={(event) => {
        event.preventDefault();
        transition.mutate(chosen);
      }}
    >
      <label>
        <span className="visually-hidden">New stage for version {version}</span>
        <select value={chosen} onChange={(e) => setChosen(e.target.value as ModelVersionStage)}>
          {MODEL_VERSION_STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {chosen !== stage && (chosen === "Staging" || chosen === "Production") ? (
        <label className="checkbox">
          <input type="checkbox" checked={archiveOthers} onChange={(e) => setArchiveOthers(e.target.checked)} /> archive others in {chosen}
        </label>
      ) : null}
      <button type="submit" disabled={transition.isPending || chosen === stage} aria-label={`Move version ${version} to ${chosen}`}>
        Move
      </button>
      {transition.isError ? <ErrorPanel error={transition.error} title="Could not change the stage" /> : null}
    </form>
  );
}
