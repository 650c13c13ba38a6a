import { useQuery } from "@tanstack/react-query";
import type { GovernedResource, PermissionGrant, PermissionLevel, PrincipalType } from "@cairn/core";
import { useRefreshingMutation } from "../api/use-refreshing-mutation";
import { getJson, postJson } from "../auth/governance-http";
import { useSession } from "../auth/session-context";
import { levelFromGrants } from "./permission-level";

/** One resource that permissions are granted on. */
export interface ResourceRef {
  resource_type: GovernedResource;
  resource_id: string;
}

/** The permission endpoints (contract: permissions/set, delete, list). */
export const permissionsApi = {
  /** Grants on one resource (READ on it). */
  list: (ref: ResourceRef) => getJson<{ permissions?: PermissionGrant[] }>("permissions/list", { ...ref }),
  /** Grants or changes a level (MANAGE on the resource). */
  set: (input: ResourceRef & { principal_type: PrincipalType; principal: string; level: PermissionLevel }) => postJson<{ permission: PermissionGrant }>("permissions/set", input),
  /** Removes a grant (MANAGE on the resource). */
  delete: (input: ResourceRef & { principal_type: PrincipalType; principal: string }) => postJson<Record<string, never>>("permissions/delete", input),
};

const PERMISSIONS = "permissions";

/** The grants on a resource, users first, then by name. */
export function usePermissions(ref: ResourceRef, enabled = true) {
  return useQuery({
    queryKey: [PERMISSIONS, ref.resource_type, ref.resource_id],
    enabled,
    queryFn: async () =>
      [...((await permissionsApi.list(ref)).permissions ?? [])].sort(
        (a, b) => (a.principal_type === b.principal_type ? 0 : a.principal_type === "user" ? -1 : 1) || a.principal.localeCompare(b.principal),
      ),
  });
}

/** A change to some grants: refreshes every permission query (and the level the pages derive) when it lands. */
export function usePermissionMutation<I, O = unknown>(run: (input: I) => Promise<O>) {
  return useRefreshingMutation([PERMISSIONS], run);
}

/**
 * What the signed-in person may do on a resource, to show or hide the controls that need it (the
 * server decides in the end): everything with auth off or as an admin, else what grants give.
 * Undefined while the grants load or when they could not be read.
 */
export function useMyLevel(ref: ResourceRef): PermissionLevel | undefined {
  const session = useSession();
  const everything = session.status === "off" || (session.status === "signed-in" && session.user?.is_admin === true);
  const grants = usePermissions(ref, session.status === "signed-in" && !everything);
  if (everything) return "MANAGE";
  if (session.status !== "signed-in" || !session.user || !grants.data) return undefined;
  return levelFromGrants(grants.data, session.user.username, session.user.groups);
}
