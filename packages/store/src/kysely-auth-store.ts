import type { AuthStore } from "@cairn/core";
import * as credentials from "./auth/credentials.js";
import * as groups from "./auth/groups.js";
import { experimentOf, grantedLevels } from "./auth/permission-lookups.js";
import * as permissions from "./auth/permissions.js";
import * as users from "./auth/users.js";
import type { StoreContext } from "./tracking/context.js";

/** The AuthStore over either dialect: users, groups, credentials and permission grants. */
export function createAuthStore(ctx: StoreContext): AuthStore {
  return {
    countUsers: () => users.countUsers(ctx),
    createUser: (input) => users.createUser(ctx, input),
    getUser: (username) => users.getUser(ctx, username),
    listUsers: () => users.listUsers(ctx),
    updateUser: (username, changes) => users.updateUser(ctx, username, changes),
    findUserSecret: (username) => users.findUserSecret(ctx, username),
    createGroup: (input) => groups.createGroup(ctx, input),
    getGroup: (name) => groups.getGroup(ctx, name),
    listGroups: () => groups.listGroups(ctx),
    deleteGroup: (name) => groups.deleteGroup(ctx, name),
    addGroupMember: (group, username) => groups.addGroupMember(ctx, group, username),
    removeGroupMember: (group, username) => groups.removeGroupMember(ctx, group, username),
    createCredential: (input) => credentials.createCredential(ctx, input),
    findCredential: (id) => credentials.findCredential(ctx, id),
    touchCredential: (id, at) => credentials.touchCredential(ctx, id, at),
    listTokens: (username) => credentials.listTokens(ctx, username),
    revokeCredential: (id, at) => credentials.revokeCredential(ctx, id, at),
    setPermission: (grant) => permissions.setPermission(ctx, grant),
    deletePermission: (grant) => permissions.deletePermission(ctx, grant),
    listPermissions: (filter) => permissions.listPermissions(ctx, filter),
    grantedLevels: (userId, type, ids) => grantedLevels(ctx, userId, type, ids),
    experimentOf: (kind, id) => experimentOf(ctx, kind, id),
  };
}
