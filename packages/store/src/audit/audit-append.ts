import { CairnError, invalidParameter, isCairnError, type AuditEntry, type AuditEntryInput } from "@cairn/core";
import { sql, type Kysely } from "kysely";
import type { AuditLogTable, Database } from "../schema.js";
import { inTransaction, type StoreContext } from "../tracking/context.js";
import { auditHash, canonicalJson } from "./audit-hash.js";
import { toAuditEntry } from "./audit-rows.js";

// 10 columns a row: 100 rows stay far below either dialect's bound-parameter limit.
const ROWS_PER_INSERT = 100;

/**
 * Appends entries to the chain in one transaction: lock and read the head, number and hash the
 * entries from it, insert them and move the head.
 */
export async function appendAudit(ctx: StoreContext, inputs: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  inputs.forEach(checkInput);
  return inTransaction(ctx, async (trx) => {
    // A no-op update that returns the head: it takes the row's write lock before anything is read,
    // so appends from every replica queue on this one row (PostgreSQL), and another process on
    // the same SQLite file waits out busy_timeout instead of failing to upgrade a stale snapshot.
    const head = await trx.updateTable("audit_head").set({ seq: sql`seq` }).where("id", "=", 1).returning(["seq", "hash"]).executeTakeFirst();
    if (!head) {
      throw new CairnError("INTERNAL_ERROR", "The audit_head row (id 1) is missing, so no audit entry can be chained: restore it from a backup, then run `cairn audit verify`.");
    }
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const rows: AuditLogTable[] = inputs.map((input) => {
      seq += 1;
      const fields = {
        seq,
        timestamp_ms: input.timestamp_ms,
        actor: input.actor,
        action: input.action,
        resource: input.resource,
        request_id: input.request_id,
        client: input.client,
        summary_json: canonicalJson(input.summary),
        prev_hash: prevHash,
      };
      prevHash = auditHash(fields);
      return { ...fields, hash: prevHash };
    });
    await insertRows(ctx, trx, rows);
    await trx.updateTable("audit_head").set({ seq, hash: prevHash }).where("id", "=", 1).execute();
    return rows.map(toAuditEntry);
  });
}

async function insertRows(ctx: StoreContext, trx: Kysely<Database>, rows: readonly AuditLogTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    try {
      await trx.insertInto("audit_log").values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
    } catch (error) {
      const translated = ctx.d.translateError(error);
      if (!isCairnError(translated) || translated.code !== "RESOURCE_ALREADY_EXISTS") throw error;
      // Only an audit_head moved back by hand lets a new seq collide with a stored one.
      throw new CairnError(
        "INTERNAL_ERROR",
        `audit_log already holds entry ${rows[i]!.seq}, beyond what audit_head records: the head was altered outside Cairn. Run \`cairn audit verify\` and restore the tables from a backup.`,
        { cause: error },
      );
    }
  }
}

function checkInput(input: AuditEntryInput, index: number): void {
  if (!Number.isSafeInteger(input.timestamp_ms) || input.timestamp_ms < 0) {
    throw invalidParameter(`Audit entry ${index}: timestamp_ms must be a non-negative integer of milliseconds since the epoch, got ${String(input.timestamp_ms)}.`);
  }
  for (const field of ["actor", "action", "resource", "request_id", "client"] as const) {
    if (typeof input[field] !== "string" || input[field] === "") throw invalidParameter(`Audit entry ${index}: ${field} must be a non-empty string.`);
  }
  if (input.summary === null || typeof input.summary !== "object" || Array.isArray(input.summary)) {
    throw invalidParameter(`Audit entry ${index}: summary must be a JSON object.`);
  }
}
