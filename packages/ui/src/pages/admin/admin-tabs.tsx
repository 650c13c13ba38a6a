import { NavLink } from "react-router";
import { governancePaths } from "../../auth/governance-paths";
import { useIsAdmin } from "../../auth/session-context";

/** Users, Groups and Tokens; a non-admin sees only their tokens. */
export function AdminTabs() {
  const admin = useIsAdmin();
  return (
    <nav className="tabs" aria-label="Administration">
      {admin ? (
        <>
          <NavLink to={governancePaths.adminUsers()}>
            Users
          </NavLink>
          <NavLink to={governancePaths.adminGroups()}>Groups</NavLink>
        </>
      ) : null}
      <NavLink to={governancePaths.tokens()}>{admin ? "Tokens" : "Your tokens"}</NavLink>
    </nav>
  );
}
