import { useId, useState } from "react";
import { ErrorPanel, QueryState, usePageTitle } from "../../components/page-state";
import { adminApi } from "./admin-api";
import { useAdminMutation, useGroups } from "./admin-queries";
import { AdminTabs } from "./admin-tabs";
import { GroupCard } from "./group-card";

/** Groups (admin): create one, add and remove members, delete one. */
export function GroupsPage() {
  usePageTitle("Groups");
  const groups = useGroups();
  return (
    <div className="page admin-page">
      <h1>Administration</h1>
      <AdminTabs />
      <h2>Create a group</h2>
      <CreateGroupForm />
      <h2>Groups</h2>
      <QueryState query={groups} what="the groups">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No groups yet: a group lets you grant a permission to several people at once.</p>
          ) : (
            <div className="cards">
              {list.map((g) => (
                <GroupCard key={g.group_id} group={g} />
              ))}
            </div>
          )
        }
      </QueryState>
    </div>
  );
}

function CreateGroupForm() {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useAdminMutation(adminApi.createGroup);
  const id = useId();
  return (
    <form
      className="inline-form governance-form"
      aria-label="Create a group"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
          {
            onSuccess: () => {
              setName("");
              setDescription("");
            },
          },
        );
      }}
    >
      <label htmlFor={`${id}-name`}>Group name</label>
      <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-description`}>Description</label>
      <input id={`${id}-description`} className="grow" value={description} onChange={(e) => setDescription(e.target.value)} />
      <button type="submit" className="primary" disabled={create.isPending || name.trim() === ""}>
        Create group
      </button>
      {create.isError ? <ErrorPanel error={create.error} title="Could not create the group" /> : null}
    </form>
  );
}
