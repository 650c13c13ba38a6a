import { sql, type Kysely } from "kysely";
import {
  GOVERNED_RESOURCES,
  PERMISSION_LEVELS,
  invalidParameter,
  notFound,
  permissionRank,
  type GovernedResource,
  type GrantRef,
  type PermissionGrant,
  type PermissionLevel,
  type PrincipalType,
} from "@cairn/core";
import type { Database } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { validateAuthName } from "./auth-names.js";
import { requireGroup } from "./groups.js";
import { requireUser } from "./users.js";

const MAX_RESOURCE_ID = 256;

/** Grants (or changes) a level; a changed grant takes the new granter and time. */
export async function setPermission(ctx: StoreContext, grant: GrantRef & { level: PermissionLevel; granted_by: string }): Promise<PermissionGrant> {
  validateGrantRef(grant);
  if (!(PERMISSION_LEVELS as readonly string[]).includes(grant.level)) {
    throw invalidParameter(`Invalid permission level '${String(grant.level)}': use one of ${PERMISSION_LEVELS.join(", ")}.`);
  }
  if (typeof grant.granted_by !== "string") throw invalidParameter("granted_by must be the granting user's name.");
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    const principalId = await principalIdOf(trx, grant.principal_type, grant.principal);
    const changes = { level: grant.level, level_rank: permissionRank(grant.level), granted_by: grant.granted_by, creation_timestamp: now };
    await trx
      .insertInto("permissions")
      .values({ resource_type: grant.resource_type, resource_id: grant.resource_id, principal_type: grant.principal_type, principal_id: principalId, ...changes })
      .onConflict((oc) => oc.columns(["resource_type", "resource_id", "principal_type", "principal_id"]).doUpdateSet(changes))
      .execute();
    return {
      resource_type: grant.resource_type,
      resource_id: grant.resource_id,
      principal_type: grant.principal_type,
      principal: grant.principal,
      level: grant.level,
      granted_by: grant.granted_by,
      creation_timestamp: now,
    };
  });
}

/** Removes one grant; an absent grant is RESOURCE_DOES_NOT_EXIST. */
export async function deletePermission(ctx: StoreContext, grant: GrantRef): Promise<void> {
  validateGrantRef(grant);
  await inTransaction(ctx, async (trx) => {
    const principalId = await principalIdOf(trx, grant.principal_type, grant.principal);
    const result = await trx
      .deleteFrom("permissions")
      .where("resource_type", "=", grant.resource_type)
      .where("resource_id", "=", grant.resource_id)
      .where("principal_type", "=", grant.principal_type)
      .where("principal_id", "=", principalId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw notFound(
        `${grant.principal_type === "user" ? "User" : "Group"} '${grant.principal}' has no grant on ${grant.resource_type} '${grant.resource_id}'. ` +
          `List its grants with \`cairn permissions list --resource-type ${grant.resource_type} --resource-id ${grant.resource_id}\`.`,
      );
    }
  });
}

/** Grants on one resource (or kind), or to one principal, with principal names; sorted by resource then principal. */
export async function listPermissions(
  ctx: StoreContext,
  filter: { resource_type?: GovernedResource; resource_id?: string; principal_type?: PrincipalType; principal?: string },
): Promise<PermissionGrant[]> {
  if (filter.resource_type !== undefined) validateResourceType(filter.resource_type);
  if (filter.resource_id !== undefined && filter.resource_type === undefined) throw invalidParameter("Give resource_type together with resource_id.");
  if (filter.principal_type !== undefined) validatePrincipalType(filter.principal_type);
  if (filter.principal !== undefined && filter.principal_type === undefined) throw invalidParameter('Give principal_type ("user" or "group") together with principal.');
  return reading(ctx, async (db) => {
    let query = db
      .selectFrom("permissions as p")
      .leftJoin("users as u", (join) => join.onRef("u.user_id", "=", "p.principal_id").on("p.principal_type", "=", "user"))
      .leftJoin("user_groups as g", (join) => join.onRef("g.group_id", "=", "p.principal_id").on("p.principal_type", "=", "group"))
      .select(["p.resource_type", "p.resource_id", "p.principal_type", "p.level", "p.granted_by", "p.creation_timestamp"])
      .select(sql<string>`coalesce(u.username, g.name)`.as("principal"));
    if (filter.resource_type !== undefined) query = query.where("p.resource_type", "=", filter.resource_type);
    if (filter.resource_id !== undefined) query = query.where("p.resource_id", "=", filter.resource_id);
    if (filter.principal_type !== undefined) query = query.where("p.principal_type", "=", filter.principal_type);
    if (filter.principal !== undefined) query = query.where("p.principal_id", "=", await principalIdOf(db, filter.principal_type!, filter.principal));
    const rows = await query
      .orderBy("p.resource_type")
      .orderBy(sql`${ctx.d.orderText(sql.ref("p.resource_id"))} asc`)
      .orderBy("p.principal_type", "desc") // users before groups
      .orderBy(sql`${ctx.d.orderText(sql`coalesce(u.username, g.name)`)} asc`)
      .execute();
    return rows.map((r) => ({
      resource_type: r.resource_type as GovernedResource,
      resource_id: r.resource_id,
      principal_type: r.principal_type,
      principal: r.principal,
      level: r.level as PermissionLevel,
      granted_by: r.granted_by,
      creation_timestamp: r.creation_timestamp,
    }));
  });
}

/** A username's user_id or a group name's group_id; an unknown principal is RESOURCE_DOES_NOT_EXIST. */
async function principalIdOf(db: Kysely<Database>, type: PrincipalType, name: string): Promise<string> {
  if (type === "user") return (await requireUser(db, validateAuthName("username", name))).user_id;
  return (await requireGroup(db, validateAuthName("group name", name))).group_id;
}

function validateGrantRef(grant: GrantRef): void {
  validateResourceType(grant.resource_type);
  validatePrincipalType(grant.principal_type);
  const id = grant.resource_id;
  if (typeof id !== "string" || id === "" || id.length > MAX_RESOURCE_ID) {
    throw invalidParameter(`Missing or too long resource_id: give the ${grant.resource_type === "experiment" ? "experiment id" : `${grant.resource_type.replace("_", " ")} name`}.`);
  }
  // Experiment grants are matched against integer ids: anything else could never apply.
  if (grant.resource_type === "experiment" && !/^\d{1,18}$/.test(id)) {
    throw invalidParameter(`Invalid experiment id '${id}': an experiment's resource_id is its numeric id (see \`cairn experiments list\`).`);
  }
}

function validateResourceType(type: unknown): void {
  if (!(GOVERNED_RESOURCES as readonly unknown[]).includes(type)) {
    throw invalidParameter(`Invalid resource_type '${String(type)}': use one of ${GOVERNED_RESOURCES.join(", ")}.`);
  }
}

function validatePrincipalType(type: unknown): void {
  if (type !== "user" && type !== "group") throw invalidParameter(`Invalid principal_type '${String(type)}': use "user" or "group".`);
}
