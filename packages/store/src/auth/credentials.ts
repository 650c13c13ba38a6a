import { invalidParameter, notFound, type ApiToken, type CairnError, type CredentialRecord, type NewCredential } from "@cairn/core";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { userIdNotFound, validateAuthName } from "./auth-names.js";
import { requireUser } from "./users.js";

const MAX_TOKEN_NAME = 256;

/** Stores a credential's hash for a user and returns the new credential id. */
export async function createCredential(ctx: StoreContext, input: NewCredential): Promise<string> {
  if (input.kind !== "token" && input.kind !== "session") throw invalidParameter(`Invalid credential kind '${String(input.kind)}': use "token" or "session".`);
  const name = input.name ?? "";
  if (typeof name !== "string" || name.length > MAX_TOKEN_NAME) throw invalidParameter(`The token name must be text of at most ${MAX_TOKEN_NAME} characters; shorten it.`);
  if (typeof input.secret_hash !== "string" || input.secret_hash === "") throw invalidParameter("Missing secret hash: hash the secret before storing the credential.");
  if (input.read_only !== undefined && typeof input.read_only !== "boolean") throw invalidParameter("read_only must be true or false.");
  if (input.expires_at !== undefined && !Number.isSafeInteger(input.expires_at)) throw invalidParameter("expires_at must be a time in milliseconds since the epoch.");
  const id = ctx.newId();
  await inTransaction(ctx, async (trx) => {
    const user = await trx.selectFrom("users").select("user_id").where("user_id", "=", input.user_id).executeTakeFirst();
    if (!user) throw userIdNotFound(input.user_id);
    await trx
      .insertInto("credentials")
      .values({
        credential_id: id,
        user_id: input.user_id,
        kind: input.kind,
        name,
        secret_hash: input.secret_hash,
        read_only: input.read_only ? 1 : 0,
        expires_at: input.expires_at ?? null,
        revoked_at: null,
        last_used_at: null,
        creation_timestamp: ctx.clock(),
      })
      .execute();
  });
  return id;
}

/** The authentication lookup: the credential and its user in one query. */
export async function findCredential(ctx: StoreContext, credentialId: string): Promise<CredentialRecord | undefined> {
  return reading(ctx, async (db) => {
    const r = await db
      .selectFrom("credentials as c")
      .innerJoin("users as u", "u.user_id", "c.user_id")
      .select(["c.credential_id", "c.kind", "c.secret_hash", "c.read_only", "c.expires_at", "c.revoked_at", "c.last_used_at", "u.user_id", "u.username", "u.is_admin", "u.disabled"])
      .where("c.credential_id", "=", credentialId)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      credential_id: r.credential_id,
      kind: r.kind,
      secret_hash: r.secret_hash,
      read_only: r.read_only === 1,
      ...(r.expires_at === null ? {} : { expires_at: r.expires_at }),
      ...(r.revoked_at === null ? {} : { revoked_at: r.revoked_at }),
      ...(r.last_used_at === null ? {} : { last_used_at: r.last_used_at }),
      user_id: r.user_id,
      username: r.username,
      is_admin: r.is_admin === 1,
      disabled: r.disabled === 1,
    };
  });
}

/** Records when a credential was last used. */
export async function touchCredential(ctx: StoreContext, credentialId: string, at: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const result = await trx.updateTable("credentials").set({ last_used_at: at }).where("credential_id", "=", credentialId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw credentialNotFound(credentialId);
  });
}

/** API tokens (never sessions), newest first; of one user when a username is given. */
export async function listTokens(ctx: StoreContext, username?: string): Promise<ApiToken[]> {
  if (username !== undefined) validateAuthName("username", username);
  return reading(ctx, async (db) => {
    let query = db
      .selectFrom("credentials as c")
      .innerJoin("users as u", "u.user_id", "c.user_id")
      .select(["c.credential_id", "u.username", "c.name", "c.read_only", "c.expires_at", "c.revoked_at", "c.last_used_at", "c.creation_timestamp"])
      .where("c.kind", "=", "token");
    if (username !== undefined) query = query.where("c.user_id", "=", (await requireUser(db, username)).user_id);
    const rows = await query.orderBy("c.creation_timestamp", "desc").orderBy("c.credential_id", "desc").execute();
    return rows.map((r) => ({
      token_id: r.credential_id,
      username: r.username,
      name: r.name,
      read_only: r.read_only === 1,
      ...(r.expires_at === null ? {} : { expires_at: r.expires_at }),
      ...(r.revoked_at === null ? {} : { revoked_at: r.revoked_at }),
      ...(r.last_used_at === null ? {} : { last_used_at: r.last_used_at }),
      creation_timestamp: r.creation_timestamp,
    }));
  });
}

/** Revokes a token or ends a session; a second revocation keeps the first time and is not an error. */
export async function revokeCredential(ctx: StoreContext, credentialId: string, at: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom("credentials").select("revoked_at").where("credential_id", "=", credentialId).executeTakeFirst();
    if (!row) throw credentialNotFound(credentialId);
    if (row.revoked_at === null) await trx.updateTable("credentials").set({ revoked_at: at }).where("credential_id", "=", credentialId).execute();
  });
}

function credentialNotFound(credentialId: string): CairnError {
  return notFound(`Token '${credentialId}' does not exist. List tokens with \`cairn tokens list\`.`);
}
