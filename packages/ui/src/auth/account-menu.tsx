import { useState } from "react";
import { Link, NavLink } from "react-router";
import { governancePaths } from "./governance-paths";
import { useSession } from "./session-context";

/** The governance links of the top bar: Approvals for everyone signed in, Audit and Admin for admins. */
export function GovernanceNavLinks() {
  const session = useSession();
  if (session.status !== "signed-in") return null;
  return (
    <>
      <NavLink to="/approvals">Approvals</NavLink>
      {session.user?.is_admin ? (
        <>
          <NavLink to="/audit">Audit</NavLink>
          <NavLink to="/admin">
            Admin
          </NavLink>
        </>
      ) : null}
    </>
  );
}

/** Who is signed in (a link to their tokens) and Sign out; nothing with auth off. */
export function AccountMenu() {
  const session = useSession();
  const [failed, setFailed] = useState<string | undefined>();
  if (session.status !== "signed-in" || !session.user) return null;
  const { username } = session.user;
  return (
    <div className="account-menu">
      <Link to={governancePaths.tokens()} className="account-name" aria-label={`Signed in as ${username}: your tokens`} title={`Signed in as ${username}`}>
        {username}
      </Link>
      <button
        type="button"
        onClick={() => {
          setFailed(undefined);
          session.signOut().catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
        }}
      >
        Sign out
      </button>
      {failed ? (
        <span role="alert" className="account-error">
          Sign-out failed: {failed}
        </span>
      ) : null}
    </div>
  );
}
