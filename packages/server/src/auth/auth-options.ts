import { CairnError, PERMISSION_LEVELS, type PermissionLevel } from "@cairn/core";

/** How a server with authentication on behaves (createServer's `auth`; present means on). */
export interface AuthOptions {
  /** The level everyone signed in has on every resource without a grant (MLflow's default: READ). */
  defaultPermission?: PermissionLevel;
  /** The session cookie's Secure attribute: "auto" (default) sets it unless the request is plain http to a loopback host. */
  cookieSecure?: "auto" | "always" | "never";
  /** Web origins (https://app.example.com) whose pages may call the API from a browser; none by default. */
  corsOrigins?: string[];
  /** Token expiry, session expiry, rate limiting and caches read this clock (ServerDeps.clock by default). */
  clock?: () => number;
}

/** AuthOptions with every default filled in. */
export interface ResolvedAuthOptions {
  defaultPermission: PermissionLevel;
  cookieSecure: "auto" | "always" | "never";
  corsOrigins: string[];
  clock: () => number;
}

/** Checks and completes AuthOptions; a wrong value is a start-up error naming what to pass. */
export function resolveAuthOptions(options: AuthOptions, fallbackClock: () => number): ResolvedAuthOptions {
  const defaultPermission = options.defaultPermission ?? "READ";
  if (!PERMISSION_LEVELS.includes(defaultPermission)) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid default permission '${String(defaultPermission)}': use one of ${PERMISSION_LEVELS.join(", ")}.`);
  }
  const cookieSecure = options.cookieSecure ?? "auto";
  if (!["auto", "always", "never"].includes(cookieSecure)) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid cookieSecure '${String(cookieSecure)}': use auto, always or never.`);
  }
  return { defaultPermission, cookieSecure, corsOrigins: (options.corsOrigins ?? []).map(normalizeOrigin), clock: options.clock ?? fallbackClock };
}

/** `https://App.example.com:443/` → `https://app.example.com`: the form browsers send in the Origin header. */
export function normalizeOrigin(origin: string): string {
  if (!URL.canParse(origin)) throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid CORS origin '${origin}': give a web origin such as https://app.example.com.`);
  const url = new URL(origin);
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid CORS origin '${origin}': give only scheme, host and port, such as https://app.example.com or http://localhost:3000.`);
  }
  return url.origin;
}
