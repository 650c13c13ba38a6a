import { useId, useState } from "react";
import { ErrorPanel } from "../../components/page-state";
import { adminApi } from "./admin-api";
import { useAdminMutation } from "./admin-queries";

/** Creates a user with a first password, optionally an admin. */
export function CreateUserForm() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const create = useAdminMutation(adminApi.createUser);
  const id = useId();
  return (
    <form
      className="inline-form governance-form"
      aria-label="Create a user"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { username: username.trim(), password, is_admin: isAdmin },
          {
            onSuccess: () => {
              setUsername("");
              setPassword("");
              setIsAdmin(false);
            },
          },
        );
      }}
    >
      <label htmlFor={`${id}-user`}>New username</label>
      <input id={`${id}-user`} required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      <label htmlFor={`${id}-password`}>Password</label>
      <input id={`${id}-password`} type="password" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} /> administrator
      </label>
      <button type="submit" className="primary" disabled={create.isPending || username.trim() === "" || password === ""}>
        Create user
      </button>
      {create.isError ? <ErrorPanel error={create.error} title="Could not create the user" /> : null}
    </form>
  );
}
