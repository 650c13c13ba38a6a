import type { CairnStore } from "@cairn/core";
import type { ResolvedAuthOptions } from "./auth-options.js";
import type { CredentialVerifier } from "./credential-verifier.js";
import type { LoginRateLimiter } from "./login-rate-limiter.js";

/** What the auth hooks and routes share on one server (decorated on the app when auth is on). */
export interface AuthRuntime {
  store: CairnStore;
  options: ResolvedAuthOptions;
  verifier: CredentialVerifier;
  limiter: LoginRateLimiter;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Present when authentication is on; read through request.server. */
    cairnAuth?: AuthRuntime;
  }
}
