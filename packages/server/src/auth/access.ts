import type { FastifyRequest } from "fastify";
import { permissionRank, type GovernedResource, type PermissionLevel } from "@cairn/core";
import type { AccessTarget } from "./access-target.js";
import type { AuthRuntime } from "./auth-runtime.js";
import { authenticationRequired, describeResource, levelTooLow, notReadable } from "./denials.js";

const READ = permissionRank("READ");

/** The higher of two levels. */
export function maxLevel(a: PermissionLevel, b: PermissionLevel | undefined): PermissionLevel {
  return b !== undefined && permissionRank(b) > permissionRank(a) ? b : a;
}

/**
 * Effective levels of a user on resources of one type: max(default, grants to the user, grants
 * to the user's groups), in one query.
 */
export async function effectiveLevels(runtime: AuthRuntime, userId: string, type: GovernedResource, ids: readonly string[]): Promise<Map<string, PermissionLevel>> {
  const unique = [...new Set(ids)];
  const granted = unique.length > 0 ? await runtime.grants.grantedLevels(userId, type, unique) : new Map<string, PermissionLevel>();
  return new Map(unique.map((id) => [id, maxLevel(runtime.options.defaultPermission, granted.get(id))]));
}

/**
 * Refuses the request unless the signed-in user has each target's level. Without READ (and a
 * default below READ) the refusal names only what the caller sent and reads the same whether
 * or not it exists; with READ it says which level is needed and which the caller has.
 */
export async function enforceTargets(request: FastifyRequest, runtime: AuthRuntime, targets: readonly AccessTarget[]): Promise<void> {
  const principal = request.principal;
  // With auth on only public routes run anonymously, and they act on no resource.
  if (principal.kind !== "user") throw authenticationRequired();
  if (principal.is_admin || targets.length === 0) return;
  const byType = new Map<GovernedResource, string[]>();
  for (const t of targets) if (t.id !== undefined) byType.set(t.type, [...(byType.get(t.type) ?? []), t.id]);
  const levels = new Map<string, PermissionLevel>();
  for (const [type, ids] of byType) for (const [id, level] of await effectiveLevels(runtime, principal.user_id, type, ids)) levels.set(`${type}:${id}`, level);
  const fallback = runtime.options.defaultPermission;
  for (const target of targets) {
    if (target.missing) {
      // Nothing by that reference exists: say so (the handler does) only to callers who could read it if it did.
      if (permissionRank(fallback) >= READ) continue;
      throw notReadable(target.asked);
    }
    const have = target.id === undefined ? fallback : (levels.get(`${target.type}:${target.id}`) ?? fallback);
    if (permissionRank(have) >= permissionRank(target.need)) continue;
    if (permissionRank(have) < READ || target.id === undefined) throw notReadable(target.asked);
    throw levelTooLow({ type: target.type, id: target.id, need: target.need, have, username: principal.username, action: `call ${request.method} ${request.routeOptions.url ?? request.url}` });
  }
}

/**
 * For handlers whose resource is in a field the authorizer cannot know (permissions/set's
 * resource_type and resource_id, say): refuses unless the caller has `level` on the resource.
 * Allows everything with auth off and for administrators.
 */
export async function requirePermission(request: FastifyRequest, type: GovernedResource, id: string, level: PermissionLevel): Promise<void> {
  const runtime = request.server.cairnAuth;
  if (!runtime) return;
  await enforceTargets(request, runtime, [{ type, id, asked: describeResource(type, id), need: level }]);
}

/** The caller's level on one resource: MANAGE with auth off and for administrators. */
export async function effectiveLevel(request: FastifyRequest, type: GovernedResource, id: string): Promise<PermissionLevel> {
  const runtime = request.server.cairnAuth;
  const principal = request.principal;
  if (!runtime) return "MANAGE";
  if (principal.kind !== "user") return "NO_PERMISSIONS";
  if (principal.is_admin) return "MANAGE";
  return (await effectiveLevels(runtime, principal.user_id, type, [id])).get(id)!;
}
