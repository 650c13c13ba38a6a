import { useId, useState } from "react";
import { PERMISSION_LEVELS, type PermissionGrant, type PermissionLevel, type PrincipalType } from "@cairn/core";
import { useSession } from "../auth/session-context";
import { formatTime } from "../format";
import { ErrorPanel, QueryState } from "./page-state";
import { allows } from "./permission-level";
import { permissionsApi, useMyLevel, usePermissionMutation, usePermissions, type ResourceRef } from "./permissions-queries";

const KIND: Record<ResourceRef["resource_type"], string> = { experiment: "experiment", registered_model: "model", deployment: "deployment", monitor: "monitor" };
const principalKey = (g: Pick<PermissionGrant, "principal_type" | "principal">) => `${g.principal_type}:${g.principal}`;

/**
 * Who has which level on one resource. With MANAGE on it the grants can be added, changed and
 * removed; otherwise they are listed read-only. Nothing is shown with auth off (everyone may do everything).
 */
export function PermissionsPanel(ref: ResourceRef) {
  const session = useSession();
  const grants = usePermissions(ref, session.status === "signed-in");
  const level = useMyLevel(ref);
  const headingId = useId();
  if (session.status !== "signed-in") return null;
  const manage = allows(level, "MANAGE");
  const kind = KIND[ref.resource_type];
  return (
    <section className="permissions-panel" aria-labelledby={headingId} data-resource={`${ref.resource_type}:${ref.resource_id}`}>
      <h2 id={headingId}>Permissions</h2>
      <p className="muted">
        Grants add to the server's default permission. {manage ? `You manage this ${kind}.` : `Changing them needs MANAGE on this ${kind}.`}
      </p>
      <QueryState query={grants} what="the permissions">
        {(list) => (
          <>
            {list.length === 0 ? <p className="empty">No grants on this {kind}.</p> : <GrantsTable grants={list} resource={ref} manage={manage} />}
            {manage ? <GrantForm resource={ref} /> : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

function GrantsTable({ grants, resource, manage }: { grants: PermissionGrant[]; resource: ResourceRef; manage: boolean }) {
  const remove = usePermissionMutation(permissionsApi.delete);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table permissions-table">
          <thead>
            <tr>
              <th scope="col">Principal</th>
              <th scope="col">Level</th>
              <th scope="col">Granted by</th>
              {manage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {grants.map((g) => (
              <tr key={principalKey(g)} data-principal={principalKey(g)}>
                <th scope="row">
                  <span className="badge principal-kind">{g.principal_type}</span> {g.principal}
                </th>
                <td className="level-cell">{g.level}</td>
                <td>
                  {g.granted_by} <span className="muted">{formatTime(g.creation_timestamp)}</span>
                </td>
                {manage ? (
                  <td>
                    <div className="row-actions">
                      <LevelChange grant={g} resource={resource} />
                      <button
                        type="button"
                        className="danger"
                        disabled={remove.isPending}
                        aria-label={`Remove the grant to ${g.principal_type} ${g.principal}`}
                        onClick={() => remove.mutate({ ...resource, principal_type: g.principal_type, principal: g.principal })}
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {remove.isError ? <ErrorPanel error={remove.error} title="Could not remove the grant" /> : null}
    </>
  );
}

// A button applies the chosen level, not the select's change event, so arrowing through the options changes nothing.
function LevelChange({ grant, resource }: { grant: PermissionGrant; resource: ResourceRef }) {
  const [level, setLevel] = useState<PermissionLevel>(grant.level);
  const set = usePermissionMutation(permissionsApi.set);
  const who = `${grant.principal_type} ${grant.principal}`;
  return (
    <form
      className="inline-form"
      aria-label={`Level of ${who}`}
      onSubmit={(event) => {
        event.preventDefault();
        set.mutate({ ...resource, principal_type: grant.principal_type, principal: grant.principal, level });
      }}
    >
      <label>
        <span className="visually-hidden">New level for {who}</span>
        <LevelSelect value={level} onChange={setLevel} />
      </label>
      <button type="submit" disabled={set.isPending || level === grant.level} aria-label={`Change level of ${who}`}>
        Change
      </button>
      {set.isError ? <ErrorPanel error={set.error} title="Could not change the level" /> : null}
    </form>
  );
}

function LevelSelect({ value, onChange, id }: { value: PermissionLevel; onChange: (level: PermissionLevel) => void; id?: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as PermissionLevel)}>
      {[...PERMISSION_LEVELS].reverse().map((l) => (
        <option key={l} value={l}>
          {l}
        </option>
      ))}
    </select>
  );
}

function GrantForm({ resource }: { resource: ResourceRef }) {
  const [type, setType] = useState<PrincipalType>("user");
  const [principal, setPrincipal] = useState("");
  const [level, setLevel] = useState<PermissionLevel>("READ");
  const set = usePermissionMutation(permissionsApi.set);
  const id = useId();
  return (
    <form
      className="inline-form grant-form"
      aria-label="Grant a permission"
      onSubmit={(event) => {
        event.preventDefault();
        set.mutate({ ...resource, principal_type: type, principal: principal.trim(), level }, { onSuccess: () => setPrincipal("") });
      }}
    >
      <label htmlFor={`${id}-type`}>Grant to</label>
      <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as PrincipalType)}>
        <option value="user">user</option>
        <option value="group">group</option>
      </select>
      <label htmlFor={`${id}-name`}>{type === "user" ? "Username" : "Group name"}</label>
      <input id={`${id}-name`} required value={principal} onChange={(e) => setPrincipal(e.target.value)} />
      <label htmlFor={`${id}-level`}>Level</label>
      <LevelSelect id={`${id}-level`} value={level} onChange={setLevel} />
      <button type="submit" className="primary" disabled={set.isPending || principal.trim() === ""}>
        Grant
      </button>
      {set.isError ? <ErrorPanel error={set.error} title="Could not grant the permission" /> : null}
    </form>
  );
}
