import type { FastifyRequest } from "fastify";
import { CairnError, invalidParameter } from "@cairn/core";

/** True when the caller may do what administrators may: any administrator, and everyone with auth off. */
export function callerIsAdmin(request: FastifyRequest): boolean {
  if (!request.server.cairnAuth) return true;
  return request.principal.kind === "user" && request.principal.is_admin;
}

/** The signed-in caller's username; undefined with auth off. */
export function callerName(request: FastifyRequest): string | undefined {
  return request.principal.kind === "user" ? request.principal.username : undefined;
}

/** Refuses a non-administrator, saying what they may do instead. */
export function requireAdminFor(request: FastifyRequest, what: string): void {
  if (!callerIsAdmin(request)) throw new CairnError("PERMISSION_DENIED", `Only administrators may ${what}. Ask an administrator.`);
}

const MIN_PASSWORD = 8;

/** The rule for new passwords: at least 8 characters (the schema caps them at 1024). */
export function validateNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD) throw invalidParameter(`The password is too short: use at least ${MIN_PASSWORD} characters (a passphrase of several words is best).`);
}
