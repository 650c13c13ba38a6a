import { useId, useState } from "react";
import type { ApiToken } from "@cairn/core";
import { QueryState, usePageTitle } from "../../components/page-state";
import { useIsAdmin, useSession } from "../../auth/session-context";
import { useUrlParams } from "../../use-url-params";
import { useTokens } from "./admin-queries";
import { AdminTabs } from "./admin-tabs";
import { ChangePasswordForm } from "./change-password-form";
import { CreateTokenForm } from "./create-token-form";
import { NewTokenSecret } from "./new-token-secret";
import { TokensTable } from "./tokens-table";

/** API tokens: your own (an admin sees everyone's, or one user's), create with the secret shown once, revoke. */
export function TokensPage() {
  const admin = useIsAdmin();
  const session = useSession();
  usePageTitle(admin ? "Tokens" : "Your tokens");
  const [params, setParams] = useUrlParams();
  const user = params.get("user") ?? "";
  const tokens = useTokens(admin ? user : "");
  const [created, setCreated] = useState<{ token: ApiToken; secret: string }>();
  const filterId = useId();
  return (
    <div className="page admin-page">
      <h1>{admin ? "Administration" : "Your account"}</h1>
      <AdminTabs />
      <h2>Create a token</h2>
      <p className="muted">A token lets scripts, the CLI and MLflow clients call Cairn as you. A read-only token can only read.</p>
      <CreateTokenForm admin={admin} created={(token, secret) => setCreated({ token, secret })} />
      {created ? <NewTokenSecret token={created.token} secret={created.secret} dismiss={() => setCreated(undefined)} /> : null}
      <h2>{admin ? "Tokens" : "Your tokens"}</h2>
      {admin ? (
        <div className="toolbar">
          <label htmlFor={filterId}>Tokens of user</label>
          <input id={filterId} type="search" placeholder="everyone" value={user} onChange={(e) => setParams({ user: e.target.value || undefined })} />
        </div>
      ) : null}
      <QueryState query={tokens} what="the tokens">
        {(list) => (list.length === 0 ? <p className="empty">No tokens{admin && user ? ` of ${user}` : ""} yet.</p> : <TokensTable tokens={list} showUser={admin} />)}
      </QueryState>
      {session.user ? (
        <>
          <h2>Your password</h2>
          <ChangePasswordForm username={session.user.username} />
        </>
      ) : null}
    </div>
  );
}
