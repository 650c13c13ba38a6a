import type { GovernedResource, PermissionGrant, PermissionLevel, PrincipalType } from "@cairn/core";
import type { Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/permissions";

/** Names one grant: a resource (experiment id, or the model's, deployment's or monitor's name) and who it is for. */
export interface PermissionRef {
  resource_type: GovernedResource;
  resource_id: string;
  principal_type: PrincipalType;
  /** Username or group name. */
  principal: string;
}

/** permissions/list's filter: one resource, or one user or group. */
export type ListPermissionsRequest = { resource_type: GovernedResource; resource_id: string } | { principal_type: PrincipalType; principal: string };

/** Cairn's permission grants (/api/2.0/cairn/permissions/...). */
export interface PermissionsApi {
  /** POST permissions/set: grants or changes a level; needs MANAGE on the resource. */
  set(request: PermissionRef & { level: PermissionLevel }): Promise<{ permission: PermissionGrant }>;
  /** POST permissions/delete: removes a grant; needs MANAGE on the resource. */
  delete(request: PermissionRef): Promise<void>;
  /** GET permissions/list: grants on a resource (READ on it), or to a principal (admin, or yourself). */
  list(request: ListPermissionsRequest): Promise<{ permissions: PermissionGrant[] }>;
}

/** Binds the permission endpoints to a transport. */
export function createPermissionsApi(t: Transport): PermissionsApi {
  return {
    // Setting the same level twice is harmless, so these may be retried.
    set: (request) => t.call("POST", `${BASE}/set`, request),
    delete: (request) => t.send("POST", `${BASE}/delete`, request),
    async list(request) {
      const answer = await t.call<{ permissions?: PermissionGrant[] }>("GET", `${BASE}/list`, request);
      return { permissions: answer.permissions ?? [] };
    },
  };
}
