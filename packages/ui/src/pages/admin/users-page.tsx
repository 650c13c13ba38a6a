import type { User } from "@cairn/core";
import { ErrorPanel, QueryState, usePageTitle } from "../../components/page-state";
import { useSession } from "../../auth/session-context";
import { formatTime } from "../../format";
import { adminApi } from "./admin-api";
import { useAdminMutation, useUsers } from "./admin-queries";
import { AdminTabs } from "./admin-tabs";
import { CreateUserForm } from "./create-user-form";

/** Users (admin): who exists, their groups, and disable/enable and admin switches; a form to create one. */
export function UsersPage() {
  usePageTitle("Users");
  const users = useUsers();
  return (
    <div className="page admin-page">
      <h1>Administration</h1>
      <AdminTabs />
      <h2>Create a user</h2>
      <CreateUserForm />
      <h2>Users</h2>
      <QueryState query={users} what="the users">
        {(list) => (list.length === 0 ? <p className="empty">No users yet.</p> : <UsersTable users={list} />)}
      </QueryState>
    </div>
  );
}

function UsersTable({ users }: { users: User[] }) {
  const update = useAdminMutation(adminApi.updateUser);
  const me = useSession().user?.username;
  return (
    <>
      {update.isError ? <ErrorPanel error={update.error} title="Could not change the user" /> : null}
      <div className="table-scroll">
        <table className="data-table users-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Groups</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.user_id} data-user={u.username} className={u.disabled ? "deleted" : undefined}>
                <th scope="row">
                  {u.username}
                  {u.username === me ? <span className="badge info">you</span> : null}
                </th>
                <td>{u.is_admin ? <span className="badge warn">admin</span> : "user"}</td>
                <td>{u.disabled ? <span className="badge danger">disabled</span> : <span className="badge ok">active</span>}</td>
                <td className="cell-wrap">{u.groups.length > 0 ? u.groups.join(", ") : <span className="muted">none</span>}</td>
                <td>{formatTime(u.creation_timestamp)}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" disabled={update.isPending} onClick={() => update.mutate({ username: u.username, disabled: !u.disabled })}>
                      {u.disabled ? `Enable ${u.username}` : `Disable ${u.username}`}
                    </button>
                    <button type="button" disabled={update.isPending} onClick={() => update.mutate({ username: u.username, is_admin: !u.is_admin })}>
                      {u.is_admin ? `Remove admin from ${u.username}` : `Make ${u.username} admin`}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
