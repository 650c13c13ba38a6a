import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { GovernedResource, ReadScope } from "@cairn/core";

/**
 * Grants (rows of the unaliased `permissions` table) made to the user directly or to one of the
 * user's groups. Shared by the read scopes and grantedLevels so both agree on who a grant reaches.
 */
export function grantReachesUser(userId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`((permissions.principal_type = 'user' and permissions.principal_id = ${userId})
    or (permissions.principal_type = 'group' and permissions.principal_id in (select gm.group_id from group_members gm where gm.user_id = ${userId})))`;
}

/** The ids (or names) of the resources of this type the scope's user may read: a grant of READ or more. */
export function readableResourceIds(scope: ReadScope, resourceType: GovernedResource): RawBuilder<unknown> {
  return sql`select permissions.resource_id from permissions
    where permissions.resource_type = ${resourceType} and permissions.level_rank >= 1 and ${grantReachesUser(scope.user_id)}`;
}

/**
 * The search condition for a read scope: the row's name (or id) is among the readable ones.
 * Experiments pass `{ integerId: true }`: their ids are integers while grants store text, and a
 * cast of the id to text reads the same on both dialects (casting grants to integers could fail
 * on PostgreSQL for any stray non-numeric id).
 */
export function readableBy(scope: ReadScope, resourceType: GovernedResource, column: Expression<unknown>, options: { integerId?: boolean } = {}): RawBuilder<SqlBool> {
  const key = options.integerId ? sql`cast(${column} as text)` : column;
  return sql<SqlBool>`${key} in (${readableResourceIds(scope, resourceType)})`;
}
