import { sql, type Kysely, type Selectable } from "kysely";
import { CairnError, invalidParameter, isCairnError, notFound, type UserGroup } from "@cairn/core";
import type { Database, UserGroupsTable } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { groupNotFound, validateAuthName } from "./auth-names.js";
import { requireUser } from "./users.js";

const MAX_DESCRIPTION = 1000;

/** Creates an empty group; a taken name is RESOURCE_ALREADY_EXISTS. */
export async function createGroup(ctx: StoreContext, input: { name: string; description?: string }): Promise<UserGroup> {
  validateAuthName("group name", input.name);
  const description = input.description ?? "";
  if (typeof description !== "string" || description.length > MAX_DESCRIPTION) {
    throw invalidParameter(`The group description must be text of at most ${MAX_DESCRIPTION} characters; shorten it.`);
  }
  const row = { group_id: ctx.newId(), name: input.name, description, creation_timestamp: ctx.clock() };
  try {
    await inTransaction(ctx, async (trx) => {
      const taken = await trx.selectFrom("user_groups").select("group_id").where("name", "=", input.name).executeTakeFirst();
      if (taken) throw groupExists(input.name);
      await trx.insertInto("user_groups").values(row).execute();
    });
  } catch (error) {
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS") throw groupExists(input.name, error);
    throw error;
  }
  return toGroup(row, []);
}

/** Reads one group with its members' usernames. */
export async function getGroup(ctx: StoreContext, name: string): Promise<UserGroup> {
  validateAuthName("group name", name);
  return reading(ctx, async (db) => loadGroup(ctx, db, await requireGroup(db, name)));
}

/** Every group, sorted by name (code-point order on both dialects). */
export async function listGroups(ctx: StoreContext): Promise<UserGroup[]> {
  return reading(ctx, async (db) => {
    const rows = await db.selectFrom("user_groups").selectAll().orderBy(sql`${ctx.d.orderText(sql.ref("name"))} asc`).execute();
    const members = await membersOf(ctx, db);
    return rows.map((r) => toGroup(r, members.get(r.group_id) ?? []));
  });
}

/** Deletes a group, its memberships and the grants made to it, in one transaction. */
export async function deleteGroup(ctx: StoreContext, name: string): Promise<void> {
  validateAuthName("group name", name);
  await inTransaction(ctx, async (trx) => {
    const { group_id: id } = await requireGroup(trx, name);
    // Grants keep no foreign key (one table serves four resource kinds), so they go explicitly;
    // members cascade, but the explicit delete does not depend on SQLite's foreign_keys pragma.
    await trx.deleteFrom("permissions").where("principal_type", "=", "group").where("principal_id", "=", id).execute();
    await trx.deleteFrom("group_members").where("group_id", "=", id).execute();
    await trx.deleteFrom("user_groups").where("group_id", "=", id).execute();
  });
}

/** Adds a user to a group; adding a member again changes nothing. */
export async function addGroupMember(ctx: StoreContext, group: string, username: string): Promise<UserGroup> {
  validateAuthName("group name", group);
  validateAuthName("username", username);
  return inTransaction(ctx, async (trx) => {
    const g = await requireGroup(trx, group);
    const user = await requireUser(trx, username);
    await trx
      .insertInto("group_members")
      .values({ group_id: g.group_id, user_id: user.user_id })
      .onConflict((oc) => oc.columns(["group_id", "user_id"]).doNothing())
      .execute();
    return loadGroup(ctx, trx, g);
  });
}

/** Removes a user from a group; a user who is not a member is RESOURCE_DOES_NOT_EXIST. */
export async function removeGroupMember(ctx: StoreContext, group: string, username: string): Promise<UserGroup> {
  validateAuthName("group name", group);
  validateAuthName("username", username);
  return inTransaction(ctx, async (trx) => {
    const g = await requireGroup(trx, group);
    const user = await requireUser(trx, username);
    const result = await trx.deleteFrom("group_members").where("group_id", "=", g.group_id).where("user_id", "=", user.user_id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw notFound(`User '${username}' is not a member of group '${group}'. See its members with \`cairn groups get ${group}\`.`);
    }
    return loadGroup(ctx, trx, g);
  });
}

/** Loads a group row by name or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireGroup(db: Kysely<Database>, name: string): Promise<Selectable<UserGroupsTable>> {
  const row = await db.selectFrom("user_groups").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) throw groupNotFound(name);
  return row;
}

async function loadGroup(ctx: StoreContext, db: Kysely<Database>, row: Selectable<UserGroupsTable>): Promise<UserGroup> {
  return toGroup(row, (await membersOf(ctx, db, row.group_id)).get(row.group_id) ?? []);
}

/** Member usernames per group id, sorted; of one group, or of all. */
async function membersOf(ctx: StoreContext, db: Kysely<Database>, groupId?: string): Promise<Map<string, string[]>> {
  let query = db.selectFrom("group_members as m").innerJoin("users as u", "u.user_id", "m.user_id").select(["m.group_id", "u.username"]);
  if (groupId !== undefined) query = query.where("m.group_id", "=", groupId);
  const rows = await query.orderBy(sql`${ctx.d.orderText(sql.ref("u.username"))} asc`).execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.group_id);
    if (list) list.push(r.username);
    else out.set(r.group_id, [r.username]);
  }
  return out;
}

function toGroup(r: Selectable<UserGroupsTable>, members: string[]): UserGroup {
  return { group_id: r.group_id, name: r.name, description: r.description, members, creation_timestamp: r.creation_timestamp };
}

function groupExists(name: string, cause?: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `Group '${name}' already exists. Choose another name, or add members to it with \`cairn groups add-member\`.`,
    cause === undefined ? undefined : { cause },
  );
}
