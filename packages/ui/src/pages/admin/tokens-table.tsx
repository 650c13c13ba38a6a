import type { ApiToken } from "@cairn/core";
import { ErrorPanel } from "../../components/page-state";
import { formatTime } from "../../format";
import { adminApi } from "./admin-api";
import { useAdminMutation } from "./admin-queries";

function tokenState(token: ApiToken, now: number): { label: string; tone: string; usable: boolean } {
  if (token.revoked_at) return { label: `revoked ${formatTime(token.revoked_at)}`, tone: "danger", usable: false };
  if (token.expires_at && token.expires_at <= now) return { label: "expired", tone: "warn", usable: false };
  return { label: "active", tone: "ok", usable: true };
}

/** Tokens with their access, expiry, last use and state, and Revoke for the usable ones. */
export function TokensTable({ tokens, showUser }: { tokens: ApiToken[]; showUser: boolean }) {
  const revoke = useAdminMutation(adminApi.revokeToken);
  const now = Date.now();
  return (
    <>
      {revoke.isError ? <ErrorPanel error={revoke.error} title="Could not revoke the token" /> : null}
      <div className="table-scroll">
        <table className="data-table tokens-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {showUser ? <th scope="col">User</th> : null}
              <th scope="col">Access</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const state = tokenState(t, now);
              return (
                <tr key={t.token_id} data-token={t.token_id} className={state.usable ? undefined : "deleted"}>
                  <th scope="row">
                    {t.name} <span className="mono muted">{t.token_id}</span>
                  </th>
                  {showUser ? <td>{t.username}</td> : null}
                  <td>{t.read_only ? "read-only" : "read and write"}</td>
                  <td>{formatTime(t.creation_timestamp)}</td>
                  <td>{t.expires_at ? formatTime(t.expires_at) : "never"}</td>
                  <td>{t.last_used_at ? formatTime(t.last_used_at) : "never"}</td>
                  <td>
                    <span className={`badge ${state.tone}`}>{state.label}</span>
                  </td>
                  <td>
                    {state.usable ? (
                      <button type="button" className="danger" disabled={revoke.isPending} aria-label={`Revoke token ${t.name}${showUser ? ` of ${t.username}` : ""}`} onClick={() => revoke.mutate(t.token_id)}>
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
