import type { User } from "@cairn/core";
import { getJson, postJson } from "./governance-http";

/** GET auth/whoami: auth off says so; auth on answers the signed-in user (a 401 otherwise). */
export interface WhoAmI {
  auth_enabled: boolean;
  user?: User;
  csrf_token?: string;
}

/** Sign-in, sign-out and "who am I" (contract: auth endpoints). */
export const authApi = {
  /** Who the browser's session is; 401 UNAUTHENTICATED when auth is on and there is none. */
  whoami: (signal?: AbortSignal) => getJson<WhoAmI>("auth/whoami", {}, signal),
  /** Signs in; the server sets the session and CSRF cookies. */
  login: (username: string, password: string) => postJson<{ user: User; csrf_token: string }>("auth/login", { username, password }),
  /** Ends the session and clears its cookies. */
  logout: () => postJson<Record<string, never>>("auth/logout", {}),
};
