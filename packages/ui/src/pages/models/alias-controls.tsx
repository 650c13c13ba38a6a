import { useState } from "react";
import type { RegisteredModelAlias } from "@cairn/core";
import { cairn } from "../../api/client";
import { ErrorPanel } from "../../components/page-state";
import { AliasBadge } from "./registry-badges";
import { useRegistryMutation } from "./registry-queries";

/**
 * Points an alias at a version (moving it if it is set elsewhere). The server decides which
 * names are allowed (v<number> and "latest" are reserved), so its refusal is shown as given.
 */
export function SetAliasForm({ name, versions }: { name: string; versions: readonly string[] }) {
  const [alias, setAlias] = useState("");
  const [chosen, setChosen] = useState("");
  const version = chosen || versions[0] || "";
  const setAliasMutation = useRegistryMutation((input: { alias: string; version: string }) => cairn.registry.setRegisteredModelAlias({ name, ...input }));
  if (versions.length === 0) return null;
  return (
    <form
      className="inline-form alias-form"
      aria-label="Set an alias"
      onSubmit={(event) => {
        event.preventDefault();
        setAliasMutation.mutate({ alias: alias.trim(), version }, { onSuccess: () => setAlias("") });
      }}
    >
      <label>
        Alias <input required value={alias} placeholder="e.g. champion" onChange={(e) => setAlias(e.target.value)} />
      </label>
      {versions.length > 1 ? (
        <label>
          on version{" "}
          <select value={version} onChange={(e) => setChosen(e.target.value)}>
            {versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span>on version {version}</span>
      )}
      <button type="submit" disabled={setAliasMutation.isPending || alias.trim() === ""}>
        Set alias
      </button>
      {setAliasMutation.isError ? <ErrorPanel error={setAliasMutation.error} title="Could not set the alias" /> : null}
    </form>
  );
}

/** A model's aliases, each linking to its version, with a Remove button. */
export function AliasList({ name, aliases }: { name: string; aliases: readonly RegisteredModelAlias[] }) {
  const remove = useRegistryMutation((alias: string) => cairn.registry.deleteRegisteredModelAlias({ name, alias }));
  if (aliases.length === 0) return <p className="empty">No aliases yet: give a version one (champion, challenger, …) to load it by name.</p>;
  return (
    <>
      <ul className="alias-list">
        {aliases.map((a) => (
          <li key={a.alias}>
            <AliasBadge name={name} alias={a.alias} version={a.version} />
            <button type="button" className="danger" aria-label={`Remove alias ${a.alias}`} disabled={remove.isPending} onClick={() => remove.mutate(a.alias)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {remove.isError ? <ErrorPanel error={remove.error} title="Could not remove the alias" /> : null}
    </>
  );
}
