import { useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { usePageTitle } from "../../components/page-state";
import { safeNext } from "../../auth/governance-paths";
import { useSession } from "../../auth/session-context";
import { SignInError } from "./signin-error";

/** The sign-in form; once signed in it goes to `next` (a path on this site only). */
export function SignInPage() {
  usePageTitle("Sign in");
  const session = useSession();
  const navigate = useNavigate();
  const next = safeNext(useSearchParams()[0].get("next"));
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const userId = useId();
  const passwordId = useId();

  if (session.status === "off") {
    return (
      <div className="page signin-page">
        <h1>Sign in</h1>
        <p>This server runs without authentication: there is nothing to sign in to.</p>
        <Link to={next}>Continue</Link>
      </div>
    );
  }
  if (session.status === "signed-in" && session.user && !pending) {
    return (
      <div className="page signin-page">
        <h1>Sign in</h1>
        <p>You are signed in as {session.user.username}.</p>
        <Link to={next}>Continue</Link>
      </div>
    );
  }
  return (
    <div className="page signin-page">
      <form
        className="signin-form"
        aria-labelledby="signin-title"
        onSubmit={(event) => {
          event.preventDefault();
          setPending(true);
          setError(undefined);
          session.signIn(username.trim(), password).then(
            () => void navigate(next, { replace: true }),
            (failure: unknown) => {
              setError(failure);
              setPending(false);
            },
          );
        }}
      >
        <h1 id="signin-title">Sign in to Cairn</h1>
        <label htmlFor={userId}>Username</label>
        <input id={userId} name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor={passwordId}>Password</label>
        <input id={passwordId} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="primary" disabled={pending || username.trim() === "" || password === ""}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
        {error ? <SignInError error={error} /> : null}
      </form>
    </div>
  );
}
