import { sql, type Kysely, type Selectable } from "kysely";
import { CairnError, invalidParameter, isCairnError, type User, type UserSecret } from "@cairn/core";
import type { Database, UsersTable } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { userNotFound, validateAuthName } from "./auth-names.js";

type UserRow = Selectable<UsersTable>;

const USER_COLUMNS = ["user_id", "username", "is_admin", "disabled", "creation_timestamp", "last_updated_timestamp"] as const;

/** How many users exist (the server bootstraps an admin when there are none). */
export async function countUsers(ctx: StoreContext): Promise<number> {
  return reading(ctx, async (db) => {
    const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

/** Creates a user; a taken username is RESOURCE_ALREADY_EXISTS. */
export async function createUser(ctx: StoreContext, input: { username: string; password_hash: string; is_admin?: boolean }): Promise<User> {
  validateAuthName("username", input.username);
  validatePasswordHash(input.password_hash);
  if (input.is_admin !== undefined && typeof input.is_admin !== "boolean") throw invalidParameter("is_admin must be true or false.");
  const now = ctx.clock();
  const row = {
    user_id: ctx.newId(),
    username: input.username,
    password_hash: input.password_hash,
    is_admin: input.is_admin ? 1 : 0,
    disabled: 0,
    creation_timestamp: now,
    last_updated_timestamp: now,
  };
  try {
    await inTransaction(ctx, async (trx) => {
      const taken = await trx.selectFrom("users").select("user_id").where("username", "=", input.username).executeTakeFirst();
      if (taken) throw userExists(input.username);
      await trx.insertInto("users").values(row).execute();
    });
  } catch (error) {
    // A concurrent create of the same name loses on the unique key.
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS") throw userExists(input.username, error);
    throw error;
  }
  return toUser(row, []);
}

/** Reads one user with the names of its groups. */
export async function getUser(ctx: StoreContext, username: string): Promise<User> {
  validateAuthName("username", username);
  return reading(ctx, async (db) => {
    const row = await requireUser(db, username);
    return toUser(row, await groupsOf(ctx, db, [row.user_id]).then((m) => m.get(row.user_id) ?? []));
  });
}

/** Every user, sorted by username (code-point order on both dialects). */
export async function listUsers(ctx: StoreContext): Promise<User[]> {
  return reading(ctx, async (db) => {
    const rows = await db.selectFrom("users").select(USER_COLUMNS).orderBy(sql`${ctx.d.orderText(sql.ref("username"))} asc`).execute();
    const groups = await groupsOf(ctx, db);
    return rows.map((r) => toUser(r, groups.get(r.user_id) ?? []));
  });
}

/** Changes a user's flags and/or password hash. */
export async function updateUser(
  ctx: StoreContext,
  username: string,
  changes: { disabled?: boolean; is_admin?: boolean; password_hash?: string },
): Promise<User> {
  validateAuthName("username", username);
  if (changes.disabled !== undefined && typeof changes.disabled !== "boolean") throw invalidParameter("disabled must be true or false.");
  if (changes.is_admin !== undefined && typeof changes.is_admin !== "boolean") throw invalidParameter("is_admin must be true or false.");
  if (changes.password_hash !== undefined) validatePasswordHash(changes.password_hash);
  return inTransaction(ctx, async (trx) => {
    const row = await requireUser(trx, username);
    const set = {
      last_updated_timestamp: ctx.clock(),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
      ...(changes.is_admin === undefined ? {} : { is_admin: changes.is_admin ? 1 : 0 }),
      ...(changes.password_hash === undefined ? {} : { password_hash: changes.password_hash }),
    };
    await trx.updateTable("users").set(set).where("user_id", "=", row.user_id).execute();
    const groups = await groupsOf(ctx, trx, [row.user_id]);
    return toUser({ ...row, ...set }, groups.get(row.user_id) ?? []);
  });
}

/** The sign-in lookup; any string is accepted, since a malformed name simply matches no user. */
export async function findUserSecret(ctx: StoreContext, username: string): Promise<UserSecret | undefined> {
  return reading(ctx, async (db) => {
    const row = await db
      .selectFrom("users")
      .select(["user_id", "username", "password_hash", "is_admin", "disabled"])
      .where("username", "=", username)
      .executeTakeFirst();
    return row && { ...row, is_admin: row.is_admin === 1, disabled: row.disabled === 1 };
  });
}

/** Loads a user row by name or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireUser(db: Kysely<Database>, username: string): Promise<Omit<UserRow, "password_hash">> {
  const row = await db.selectFrom("users").select(USER_COLUMNS).where("username", "=", username).executeTakeFirst();
  if (!row) throw userNotFound(username);
  return row;
}

/** Group names per user id, sorted; of the given users, or of everyone. */
async function groupsOf(ctx: StoreContext, db: Kysely<Database>, userIds?: readonly string[]): Promise<Map<string, string[]>> {
  let query = db
    .selectFrom("group_members as m")
    .innerJoin("user_groups as g", "g.group_id", "m.group_id")
    .select(["m.user_id", "g.name"]);
  if (userIds) query = query.where("m.user_id", "in", userIds);
  const rows = await query.orderBy(sql`${ctx.d.orderText(sql.ref("g.name"))} asc`).execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.user_id);
    if (list) list.push(r.name);
    else out.set(r.user_id, [r.name]);
  }
  return out;
}

function toUser(r: Omit<UserRow, "password_hash">, groups: string[]): User {
  return {
    user_id: r.user_id,
    username: r.username,
    is_admin: r.is_admin === 1,
    disabled: r.disabled === 1,
    groups,
    creation_timestamp: r.creation_timestamp,
    last_updated_timestamp: r.last_updated_timestamp,
  };
}

function validatePasswordHash(hash: unknown): void {
  // The server hashes; an empty hash here would be a caller bug that leaves an account with no password.
  if (typeof hash !== "string" || hash === "") throw invalidParameter("Missing password hash: hash the password before storing the user.");
}

function userExists(username: string, cause?: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `User '${username}' already exists. Choose another username, or change that user with \`cairn users update\`.`,
    cause === undefined ? undefined : { cause },
  );
}
