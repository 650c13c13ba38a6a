import { permissionRank, type PermissionGrant, type PermissionLevel } from "@cairn/core";

/**
 * The level grants give a user on a resource: the highest of the grants to the user and to the
 * user's groups, and at least READ, the server's default (a user who sees the resource reads it).
 */
export function levelFromGrants(grants: readonly PermissionGrant[], username: string, groups: readonly string[]): PermissionLevel {
  let best: PermissionLevel = "READ";
  for (const g of grants) {
    const mine = g.principal_type === "user" ? g.principal === username : groups.includes(g.principal);
    if (mine && permissionRank(g.level) > permissionRank(best)) best = g.level;
  }
  return best;
}

/** True when level is at least need. */
export function allows(level: PermissionLevel | undefined, need: PermissionLevel): boolean {
  return level !== undefined && permissionRank(level) >= permissionRank(need);
}
