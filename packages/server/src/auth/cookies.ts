/** The UI session cookie (HttpOnly) and the CSRF cookie the UI's script reads. */
export const SESSION_COOKIE = "cairn_session";
export const CSRF_COOKIE = "cairn_csrf";

/** Parses a Cookie header into name → value (the first of duplicate names wins, as browsers send the most specific first). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** Attributes of a Set-Cookie line. */
export interface CookieAttributes {
  httpOnly: boolean;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** One Set-Cookie value: SameSite=Strict and Path=/ always. Values are our base64url tokens, which need no quoting. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error(`cookie value for ${name} holds characters that need encoding`);
  const parts = [`${name}=${value}`, "Path=/", `Max-Age=${Math.floor(attributes.maxAge)}`, "SameSite=Strict"];
  if (attributes.httpOnly) parts.push("HttpOnly");
  if (attributes.secure) parts.push("Secure");
  return parts.join("; ");
}
