/** MLflow's permission levels, weakest first; NO_PERMISSIONS grants nothing. */
export const PERMISSION_LEVELS = ["NO_PERMISSIONS", "READ", "USE", "EDIT", "MANAGE"] as const;
/** One of PERMISSION_LEVELS. */
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/** A level's rank (NO_PERMISSIONS 0 ... MANAGE 4): a grant satisfies a need when its rank is at least the need's. */
export function permissionRank(level: PermissionLevel): number {
  return PERMISSION_LEVELS.indexOf(level);
}

/** The resource kinds permissions are granted on. Runs and logged models follow their experiment. */
export const GOVERNED_RESOURCES = ["experiment", "registered_model", "deployment", "monitor"] as const;
/** One of GOVERNED_RESOURCES. */
export type GovernedResource = (typeof GOVERNED_RESOURCES)[number];

/** Who a grant is for. */
export type PrincipalType = "user" | "group";

/** A user as the API returns it; the password hash never leaves the store. */
export interface User {
  user_id: string;
  username: string;
  is_admin: boolean;
  disabled: boolean;
  /** Names of the groups the user belongs to, sorted. */
  groups: string[];
  creation_timestamp: number;
  last_updated_timestamp: number;
}

/** A group of users that permissions can be granted to. */
export interface UserGroup {
  group_id: string;
  name: string;
  description: string;
  /** Usernames, sorted. */
  members: string[];
  creation_timestamp: number;
}

/** An API token as listed: never its secret, which is shown once at creation. */
export interface ApiToken {
  token_id: string;
  username: string;
  name: string;
  read_only: boolean;
  expires_at?: number;
  revoked_at?: number;
  last_used_at?: number;
  creation_timestamp: number;
}

/** One grant of a level on one resource to a user or a group. */
export interface PermissionGrant {
  resource_type: GovernedResource;
  /** The experiment id, or the registered model's, deployment's or monitor's name. */
  resource_id: string;
  principal_type: PrincipalType;
  /** The username or the group name. */
  principal: string;
  level: PermissionLevel;
  granted_by: string;
  creation_timestamp: number;
}

/**
 * Restricts a search to resources the user may read: those with a grant of READ or more to the
 * user or one of the user's groups. The server passes it only when the default permission is
 * below READ; otherwise every resource is readable and no scope is given.
 */
export interface ReadScope {
  user_id: string;
}
