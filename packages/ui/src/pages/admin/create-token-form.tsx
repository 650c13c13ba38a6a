import { useId, useState } from "react";
import type { ApiToken } from "@cairn/core";
import { ErrorPanel } from "../../components/page-state";
import { adminApi } from "./admin-api";
import { useAdminMutation } from "./admin-queries";

/** Creates a token (name, read-only, expiry; an admin may make one for another user) and hands back its secret. */
export function CreateTokenForm({ admin, created }: { admin: boolean; created: (token: ApiToken, secret: string) => void }) {
  const [name, setName] = useState("");
  const [readOnly, setReadOnly] = useState(false);
  const [days, setDays] = useState("");
  const [forUser, setForUser] = useState("");
  const create = useAdminMutation(adminApi.createToken);
  const id = useId();
  const daysValid = days === "" || (Number.isInteger(Number(days)) && Number(days) > 0);
  return (
    <form
      className="inline-form governance-form"
      aria-label="Create a token"
      onSubmit={(event) => {
        event.preventDefault();
        if (!daysValid) return;
        create.mutate(
          {
            name: name.trim(),
            read_only: readOnly,
            ...(days ? { expires_in_days: Number(days) } : {}),
            ...(admin && forUser.trim() ? { username: forUser.trim() } : {}),
          },
          {
            onSuccess: ({ token, secret }) => {
              setName("");
              setDays("");
              setReadOnly(false);
              created(token, secret);
            },
          },
        );
      }}
    >
      <label htmlFor={`${id}-name`}>Token name</label>
      <input id={`${id}-name`} required placeholder="e.g. ci-pipeline" value={name} onChange={(e) => setName(e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} /> read-only
      </label>
      <label htmlFor={`${id}-days`}>Expires in (days)</label>
      <input
        id={`${id}-days`}
        type="number"
        min={1}
        step={1}
        className="narrow"
        placeholder="never"
        value={days}
        aria-invalid={!daysValid}
        aria-describedby={daysValid ? undefined : `${id}-days-error`}
        onChange={(e) => setDays(e.target.value)}
      />
      {admin ? (
        <>
          <label htmlFor={`${id}-user`}>For user</label>
          <input id={`${id}-user`} placeholder="yourself" value={forUser} onChange={(e) => setForUser(e.target.value)} />
        </>
      ) : null}
      <button type="submit" className="primary" disabled={create.isPending || name.trim() === "" || !daysValid}>
        Create token
      </button>
      {daysValid ? null : (
        <span id={`${id}-days-error`} className="field-error">
          A whole number of days, 1 or more (or empty for no expiry).
        </span>
      )}
      {create.isError ? <ErrorPanel error={create.error} title="Could not create the token" /> : null}
    </form>
  );
}
