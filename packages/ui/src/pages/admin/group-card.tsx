import { useId, useState } from "react";
import type { UserGroup } from "@cairn/core";
import { ErrorPanel } from "../../components/page-state";
import { adminApi } from "./admin-api";
import { useAdminMutation } from "./admin-queries";

/** One group: its members (each removable), a form to add one, and Delete with a confirmation step. */
export function GroupCard({ group }: { group: UserGroup }) {
  const [member, setMember] = useState("");
  const [confirming, setConfirming] = useState(false);
  const add = useAdminMutation((username: string) => adminApi.addMember(group.name, username));
  const remove = useAdminMutation((username: string) => adminApi.removeMember(group.name, username));
  const removeGroup = useAdminMutation(() => adminApi.deleteGroup(group.name));
  const id = useId();
  const error = add.error ?? remove.error ?? removeGroup.error;
  return (
    <section className="card group-card" aria-labelledby={`${id}-title`} data-group={group.name}>
      <h3 id={`${id}-title`}>{group.name}</h3>
      {group.description ? <p className="muted">{group.description}</p> : null}
      {group.members.length === 0 ? (
        <p className="empty">No members yet.</p>
      ) : (
        <ul className="member-list" aria-label={`Members of ${group.name}`}>
          {group.members.map((m) => (
            <li key={m}>
              <span>{m}</span>
              <button type="button" className="danger" disabled={remove.isPending} aria-label={`Remove ${m} from ${group.name}`} onClick={() => remove.mutate(m)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        aria-label={`Add a member to ${group.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(member.trim(), { onSuccess: () => setMember("") });
        }}
      >
        <label htmlFor={`${id}-member`}>Username</label>
        <input id={`${id}-member`} required value={member} onChange={(e) => setMember(e.target.value)} />
        <button type="submit" disabled={add.isPending || member.trim() === ""} aria-label={`Add member to ${group.name}`}>
          Add
        </button>
      </form>
      <div className="row-actions group-delete">
        {confirming ? (
          <>
            <button type="button" className="danger" disabled={removeGroup.isPending} onClick={() => removeGroup.mutate(undefined)}>
              Delete {group.name} and its grants
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete group {group.name}
          </button>
        )}
      </div>
      {error ? <ErrorPanel error={error} title="Could not change the group" /> : null}
    </section>
  );
}
