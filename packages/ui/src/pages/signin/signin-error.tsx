import { ErrorPanel } from "../../components/page-state";
import { GovernanceError } from "../../auth/governance-http";

/** "120 s" as "2 min"; a person waits in minutes beyond a minute. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Why a sign-in failed, in words: a wrong password, too many attempts (with the wait), or the server's error. */
export function SignInError({ error }: { error: unknown }) {
  const code = (error as { code?: string })?.code;
  if (code === "UNAUTHENTICATED") {
    return (
      <div className="error-panel" role="alert" data-reason="wrong-credentials">
        <strong>Wrong username or password.</strong>
        <p>Check both and try again; an administrator can reset a forgotten password.</p>
      </div>
    );
  }
  if (code === "REQUEST_LIMIT_EXCEEDED") {
    const wait = error instanceof GovernanceError ? error.retryAfterSeconds : undefined;
    return (
      <div className="error-panel" role="alert" data-reason="rate-limited">
        <strong>Too many failed sign-ins.</strong>
        <p>{wait !== undefined ? `Wait ${formatWait(wait)} before trying again.` : (error as Error).message}</p>
      </div>
    );
  }
  return <ErrorPanel error={error} title="Could not sign in" />;
}
