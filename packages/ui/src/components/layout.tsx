import { NavLink, Outlet, useRouteError, isRouteErrorResponse, Link } from "react-router";
import { AccountMenu, GovernanceNavLinks } from "../auth/account-menu";
import { useSession } from "../auth/session-context";
import { SessionGate } from "../auth/session-gate";

/** The frame of every page: a skip link, the top navigation and the page itself. */
export function Layout() {
  // Signed out, the sections' links would only lead back to the sign-in page.
  const signedOut = useSession().status === "signed-out";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand" aria-label="Cairn home">
          Cairn
        </Link>
        {/* Four links do not fit beside the brand at phone width: the links scroll, the page does not. */}
        {signedOut ? null : (
          <nav aria-label="Main">
            <NavLink to="/experiments">Experiments</NavLink>
            <NavLink to="/models">Models</NavLink>
            <NavLink to="/deployments">Deployments</NavLink>
            <NavLink to="/monitors">Monitors</NavLink>
            <GovernanceNavLinks />
          </nav>
        )}
        <AccountMenu />
      </header>
      <main id="main" tabIndex={-1}>
        <SessionGate>
          <Outlet />
        </SessionGate>
      </main>
    </>
  );
}

/** What a route shows when it throws or its URL matches nothing. */
export function RouteError() {
  const error = useRouteError();
  // The catch-all route renders this without an error: that is a URL matching no page.
  const notFound = error == null || (isRouteErrorResponse(error) && error.status === 404);
  return (
    <div className="page">
      <div className="error-panel" role="alert">
        <h1>{notFound ? "No such page" : "This page failed"}</h1>
        <p>{notFound ? "The address does not match any page of Cairn." : String((error as Error)?.message ?? error)}</p>
        <Link to="/experiments">Go to the experiments</Link>
      </div>
    </div>
  );
}
