import { useId, useState } from "react";
import { ErrorPanel } from "../../components/page-state";
import { adminApi } from "./admin-api";
import { useAdminMutation } from "./admin-queries";

/** Changes the signed-in user's own password; the server wants the current one too. */
export function ChangePasswordForm({ username }: { username: string }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useAdminMutation(adminApi.updateUser);
  const id = useId();
  return (
    <form
      className="inline-form governance-form"
      aria-label="Change your password"
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate(
          { username, password: next, current_password: current },
          {
            onSuccess: () => {
              setCurrent("");
              setNext("");
            },
          },
        );
      }}
    >
      <label htmlFor={`${id}-current`}>Current password</label>
      <input id={`${id}-current`} type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      <label htmlFor={`${id}-new`}>New password</label>
      <input id={`${id}-new`} type="password" required autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      <button type="submit" disabled={change.isPending || current === "" || next === ""}>
        Change password
      </button>
      {change.isSuccess ? (
        <span role="status" className="muted">
          Password changed.
        </span>
      ) : null}
      {change.isError ? <ErrorPanel error={change.error} title="Could not change the password" /> : null}
    </form>
  );
}
