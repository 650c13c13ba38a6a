// The server sets `cairn_csrf` at sign-in; a page of another origin cannot read it, so echoing it
// in a header proves the request came from the UI (double-submit cookie).
const CSRF_COOKIE = "cairn_csrf";
/** The header the server checks on every non-GET request of a UI session. */
export const CSRF_HEADER = "x-cairn-csrf";

/** The CSRF token from the `cairn_csrf` cookie, or undefined when there is none (auth off, signed out). */
export function readCsrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === CSRF_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** `{ "x-cairn-csrf": token }` when a session cookie pair exists, `{}` otherwise. */
export function csrfHeaders(): Record<string, string> {
  const token = readCsrfToken();
  return token ? { [CSRF_HEADER]: token } : {};
}
