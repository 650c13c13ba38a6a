import type { User } from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/auth";
// A sign-in is answered as it comes: a retry would spend the failure budget on one attempt, and
// a 429 asks the person to wait minutes, which they should be told rather than kept waiting.
const ONCE: CallOptions = { noRetry: true };

/** GET auth/whoami's answer: with auth off only auth_enabled (false). */
export interface WhoAmI {
  auth_enabled: boolean;
  user?: User;
  /** Present when the caller signed in through the UI session; send it back as x-cairn-csrf. */
  csrf_token?: string;
}

/** POST auth/login's answer; the session itself travels in the cairn_session cookie. */
export interface LoginResult {
  user: User;
  csrf_token: string;
}

/** Cairn's sign-in endpoints (/api/2.0/cairn/auth/...). */
export interface AuthApi {
  /** GET auth/whoami: who the credentials belong to, and whether the server checks them at all. */
  whoami(): Promise<WhoAmI>;
  /** POST auth/login: starts a UI session (cookies); wrong credentials are 401, too many 429. */
  login(request: { username: string; password: string }): Promise<LoginResult>;
  /** POST auth/logout: ends the session and clears its cookies. */
  logout(): Promise<void>;
}

/** Binds the auth endpoints to a transport. */
export function createAuthApi(t: Transport): AuthApi {
  return {
    whoami: () => t.call("GET", `${BASE}/whoami`),
    login: (request) => t.call("POST", `${BASE}/login`, request, ONCE),
    logout: () => t.send("POST", `${BASE}/logout`, {}),
  };
}
