/**
 * Who is calling. With auth off every request is the anonymous principal and may do anything
 * (the server then listens on loopback only, unless told otherwise). With auth on every request
 * but the few public ones (health, version, sign-in, the UI's files) has a user.
 */
export type Principal =
  | { kind: "anonymous" }
  | {
      kind: "user";
      user_id: string;
      username: string;
      is_admin: boolean;
      /** A read-only token: only routes whose permission level is read. */
      read_only: boolean;
      /** How the caller proved who they are. */
      via: "basic" | "token" | "session";
      /** The token or session used (absent for Basic). */
      credential_id?: string;
    };

/** The name the audit log and "created by" fields record. */
export function actorName(principal: Principal): string {
  return principal.kind === "user" ? principal.username : "anonymous";
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook before any route handler runs. */
    principal: Principal;
  }
}
