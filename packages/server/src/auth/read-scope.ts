import type { FastifyRequest } from "fastify";
import { permissionRank, type GovernedResource, type ReadScope } from "@cairn/core";
import { effectiveLevels } from "./access.js";

const READ = permissionRank("READ");

/**
 * What a search passes to the store as `readable_by`: undefined (no filter) with auth off, for
 * administrators, and when the default permission is READ or more (everything is readable);
 * otherwise the caller's user id, so the store keeps only resources granted to them or their groups.
 * The type is accepted for symmetry with the grants it filters on (every type is scoped the same way).
 */
export function readScope(request: FastifyRequest, _type: GovernedResource): ReadScope | undefined {
  const runtime = request.server.cairnAuth;
  const principal = request.principal;
  if (!runtime) return undefined;
  // Searches are never public; should one run anonymously with auth on, it finds nothing.
  if (principal.kind !== "user") return { user_id: "" };
  if (principal.is_admin || permissionRank(runtime.options.defaultPermission) >= READ) return undefined;
  return { user_id: principal.user_id };
}

/**
 * The subset of ids (of one resource type) the caller may read, in their order. Runs and
 * logged-models searches drop the experiments the caller may not read silently, as MLflow's
 * filtering does, instead of refusing the whole search.
 */
export async function readableIds(request: FastifyRequest, type: GovernedResource, ids: readonly string[]): Promise<string[]> {
  const runtime = request.server.cairnAuth;
  const principal = request.principal;
  if (!runtime || (principal.kind === "user" && principal.is_admin)) return [...ids];
  if (principal.kind !== "user") return [];
  if (permissionRank(runtime.options.defaultPermission) >= READ) return [...ids];
  const levels = await effectiveLevels(runtime, principal.user_id, type, ids);
  return ids.filter((id) => permissionRank(levels.get(id) ?? "NO_PERMISSIONS") >= READ);
}
