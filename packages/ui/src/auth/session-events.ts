// A credential can stop working while a page is open (the session expired, an admin disabled the
// user): whichever request notices first tells the session, which then sends the person to sign in.
type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls listener whenever a request was answered 401; returns the unsubscribe function. */
export function onUnauthenticated(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports a 401 answer to every listener. */
export function reportUnauthenticated(): void {
  for (const listener of listeners) listener();
}

/**
 * fetch for the UI's API clients: cookies go along (same origin), the CSRF header on non-GET
 * requests, and a 401 is reported to the session. The sign-in request's own 401 (a wrong
 * password) is the sign-in page's business, not a lost session.
 */
export async function sessionFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  if (response.status === 401 && !url.includes("/auth/login")) reportUnauthenticated();
  return response;
}
