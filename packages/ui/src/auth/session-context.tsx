import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { User } from "@cairn/core";
import { authApi } from "./auth-api";
import { onUnauthenticated } from "./session-events";

/** Where the session stands: "off" means the server runs without authentication (everything allowed). */
export type SessionStatus = "loading" | "error" | "off" | "signed-in" | "signed-out";

/** The browser's session as the pages see it. */
export interface Session {
  status: SessionStatus;
  /** True once whoami said auth is on (signed in or not). */
  authEnabled: boolean;
  /** The signed-in user. */
  user?: User;
  /** Why whoami failed, for status "error". */
  error?: unknown;
  retry(): void;
  /** Signs in; throws the server's refusal (wrong password, rate limited). */
  signIn(username: string, password: string): Promise<User>;
  /** Ends the session and forgets everything loaded under it. */
  signOut(): Promise<void>;
}

const WHOAMI = ["auth", "whoami"] as const;
const SessionContext = createContext<Session | undefined>(undefined);

const isUnauthenticated = (error: unknown) => (error as { code?: string } | null)?.code === "UNAUTHENTICATED";

/** Asks auth/whoami once at start and provides the session to every page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  // Set when any request was answered 401: the session ended while the page was open.
  const [lost, setLost] = useState(false);
  const whoami = useQuery({
    queryKey: WHOAMI,
    queryFn: ({ signal }) => authApi.whoami(signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: (failures, error) => !isUnauthenticated(error) && failures < 1,
  });
  useEffect(() => onUnauthenticated(() => setLost(true)), []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { user } = await authApi.login(username, password);
      // Nothing loaded before (errors, another user's data) may show under the new session.
      client.clear();
      setLost(false);
      return user;
    },
    [client],
  );
  const signOut = useCallback(async () => {
    await authApi.logout();
    client.clear();
    setLost(true);
  }, [client]);

  const value = useMemo<Session>(() => {
    const base = { retry: () => void whoami.refetch(), signIn, signOut };
    if (lost || (whoami.isError && isUnauthenticated(whoami.error))) return { ...base, status: "signed-out", authEnabled: true };
    if (whoami.isPending) return { ...base, status: "loading", authEnabled: false };
    if (whoami.isError) return { ...base, status: "error", authEnabled: false, error: whoami.error };
    const data = whoami.data;
    if (!data.auth_enabled) return { ...base, status: "off", authEnabled: false };
    if (!data.user) return { ...base, status: "signed-out", authEnabled: true };
    return { ...base, status: "signed-in", authEnabled: true, user: data.user };
  }, [lost, whoami, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; only inside SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a SessionProvider above it (see app.tsx).");
  return session;
}

/** True when the caller may do anything server-wide: auth off, or an admin. */
export function useIsAdmin(): boolean {
  const session = useSession();
  return session.status === "off" || (session.status === "signed-in" && session.user?.is_admin === true);
}
