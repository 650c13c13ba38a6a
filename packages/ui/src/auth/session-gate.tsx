import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { ErrorPanel, Loading } from "../components/page-state";
import { governancePaths } from "./governance-paths";
import { useSession } from "./session-context";

/**
 * Shows the page once the session is known: with auth off at once as always, signed out the
 * sign-in page with a `next` link back here. The sign-in page itself is always shown.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (location.pathname === "/signin") return <>{children}</>;
  if (session.status === "loading") return <Loading what="Checking your session" />;
  if (session.status === "error") {
    return (
      <div className="page">
        <ErrorPanel error={session.error} retry={session.retry} title="Could not reach the server" />
      </div>
    );
  }
  if (session.status === "signed-out") return <Navigate to={governancePaths.signIn(`${location.pathname}${location.search}`)} replace />;
  return <>{children}</>;
}
