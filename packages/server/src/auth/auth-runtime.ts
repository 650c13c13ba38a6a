import type { CairnStore } from "@cairn/core";
import type { FastifySchema } from "fastify";
import type { Permission } from "../route.js";
import type { ResolvedAuthOptions } from "./auth-options.js";
import type { CredentialVerifier } from "./credential-verifier.js";
import type { GrantCache } from "./grant-cache.js";
import type { LoginRateLimiter } from "./login-rate-limiter.js";

/** What the auth hooks and routes share on one server (decorated on the app when auth is on). */
export interface AuthRuntime {
  store: CairnStore;
  options: ResolvedAuthOptions;
  verifier: CredentialVerifier;
  limiter: LoginRateLimiter;
  /** Cached grant and run-to-experiment lookups for the authorizer. */
  grants: GrantCache;
  /** Every route registered after auth was turned on, with the permission it declares (for audits of coverage, e.g. the security tests). */
  routes: RegisteredRoute[];
}

/** One registered route as the authorizer sees it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  permission?: Permission;
  schema?: FastifySchema;
  /** @fastify/static's file routes (public). */
  staticFile: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Present when authentication is on; read through request.server. */
    cairnAuth?: AuthRuntime;
  }
}
