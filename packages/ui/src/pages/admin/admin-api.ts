import type { ApiToken, User, UserGroup } from "@cairn/core";
import { getJson, postJson } from "../../auth/governance-http";

/** Users, groups and API tokens (contract: auth endpoints). */
export const adminApi = {
  /** Every user (admin). */
  listUsers: () => getJson<{ users?: User[] }>("users/list"),
  /** Creates a user with a password (admin). */
  createUser: (input: { username: string; password: string; is_admin?: boolean }) => postJson<{ user: User }>("users/create", input),
  /** Changes a user: disable/enable, admin or not, a new password (admin; a user may change only their own password). */
  updateUser: (input: { username: string; password?: string; current_password?: string; disabled?: boolean; is_admin?: boolean }) =>
    postJson<{ user: User }>("users/update", input),
  /** Every group with its members (admin). */
  listGroups: () => getJson<{ groups?: UserGroup[] }>("groups/list"),
  /** Creates an empty group (admin). */
  createGroup: (input: { name: string; description?: string }) => postJson<{ group: UserGroup }>("groups/create", input),
  /** Deletes a group and its grants (admin). */
  deleteGroup: (name: string) => postJson<Record<string, never>>("groups/delete", { name }),
  /** Adds a user to a group (admin). */
  addMember: (name: string, username: string) => postJson<{ group: UserGroup }>("groups/add-member", { name, username }),
  /** Removes a user from a group (admin). */
  removeMember: (name: string, username: string) => postJson<{ group: UserGroup }>("groups/remove-member", { name, username }),
  /** Tokens: the caller's own; an admin sees one user's, or everyone's without a username. */
  listTokens: (username?: string) => getJson<{ tokens?: ApiToken[] }>("tokens/list", { username }),
  /** Creates a token; the secret is in this answer only. */
  createToken: (input: { name: string; read_only?: boolean; expires_in_days?: number; username?: string }) =>
    postJson<{ token: ApiToken; secret: string }>("tokens/create", input),
  /** Revokes a token at once (own, or any as admin). */
  revokeToken: (token_id: string) => postJson<Record<string, never>>("tokens/revoke", { token_id }),
};
