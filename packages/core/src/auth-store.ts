import type { ApiToken, GovernedResource, PermissionGrant, PermissionLevel, PrincipalType, User, UserGroup } from "./auth-entities.js";

/** A user row with what signing in needs; only the server's authenticator sees it. */
export interface UserSecret {
  user_id: string;
  username: string;
  password_hash: string;
  is_admin: boolean;
  disabled: boolean;
}

/** A credential (API token or UI session) with its user, as one authentication lookup returns it. */
export interface CredentialRecord {
  credential_id: string;
  kind: "token" | "session";
  secret_hash: string;
  read_only: boolean;
  expires_at?: number;
  revoked_at?: number;
  last_used_at?: number;
  user_id: string;
  username: string;
  is_admin: boolean;
  disabled: boolean;
}

/** What createCredential stores; the secret itself never reaches the store. */
export interface NewCredential {
  user_id: string;
  kind: "token" | "session";
  name?: string;
  secret_hash: string;
  read_only?: boolean;
  expires_at?: number;
}

/** Names one grant. */
export interface GrantRef {
  resource_type: GovernedResource;
  resource_id: string;
  principal_type: PrincipalType;
  /** Username or group name. */
  principal: string;
}

/**
 * Users, groups, credentials and permission grants. Unknown users, groups, credentials and
 * grants are RESOURCE_DOES_NOT_EXIST; duplicate usernames and group names RESOURCE_ALREADY_EXISTS.
 * Deleting or renaming a registered model, deployment or monitor removes or renames its grants
 * in the same transaction (the resource stores do it), so a new resource never inherits old grants.
 */
export interface AuthStore {
  countUsers(): Promise<number>;
  createUser(input: { username: string; password_hash: string; is_admin?: boolean }): Promise<User>;
  getUser(username: string): Promise<User>;
  /** Sorted by username. */
  listUsers(): Promise<User[]>;
  updateUser(username: string, changes: { disabled?: boolean; is_admin?: boolean; password_hash?: string }): Promise<User>;
  /** For sign-in; undefined when no such user (the caller still spends the hashing time). */
  findUserSecret(username: string): Promise<UserSecret | undefined>;

  createGroup(input: { name: string; description?: string }): Promise<UserGroup>;
  getGroup(name: string): Promise<UserGroup>;
  /** Sorted by name. */
  listGroups(): Promise<UserGroup[]>;
  deleteGroup(name: string): Promise<void>;
  addGroupMember(group: string, username: string): Promise<UserGroup>;
  removeGroupMember(group: string, username: string): Promise<UserGroup>;

  /** Returns the new credential's id, which the caller puts into the token it shows once. */
  createCredential(input: NewCredential): Promise<string>;
  /** The authentication lookup: one query; undefined when unknown. */
  findCredential(credentialId: string): Promise<CredentialRecord | undefined>;
  /** Records use; callers throttle it (it is a write). */
  touchCredential(credentialId: string, at: number): Promise<void>;
  /** API tokens (not sessions), newest first; of one user when username is given. */
  listTokens(username?: string): Promise<ApiToken[]>;
  /** Revokes a token or ends a session; revoking twice is not an error. */
  revokeCredential(credentialId: string, at: number): Promise<void>;

  /** Grants (or changes) a level; returns the stored grant. */
  setPermission(grant: GrantRef & { level: PermissionLevel; granted_by: string }): Promise<PermissionGrant>;
  deletePermission(grant: GrantRef): Promise<void>;
  /** Grants on one resource, or to one principal, sorted by resource then principal. */
  listPermissions(filter: { resource_type?: GovernedResource; resource_id?: string; principal_type?: PrincipalType; principal?: string }): Promise<PermissionGrant[]>;
  /** The highest level granted to the user or any of the user's groups on each of the ids (absent: no grant). One query. */
  grantedLevels(userId: string, resourceType: GovernedResource, resourceIds: readonly string[]): Promise<Map<string, PermissionLevel>>;
  /** The experiment a run or logged model belongs to; undefined when unknown. */
  experimentOf(kind: "run" | "logged_model", id: string): Promise<string | undefined>;
}
