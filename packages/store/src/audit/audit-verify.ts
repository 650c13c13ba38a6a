import { AUDIT_GENESIS_HASH, type AuditProblem, type AuditVerification } from "@cairn/core";
import { reading, type StoreContext } from "../tracking/context.js";
import { auditHash } from "./audit-hash.js";
import { hashedFields } from "./audit-rows.js";

const PAGE = 1000;
// A log rewritten wholesale would otherwise answer with one problem per entry.
const MAX_PROBLEMS = 1000;

/**
 * Walks the chain from seq 1 to the head read at the start (entries appended meanwhile are
 * left for the next run), page by page: each entry's hash must match its contents, its seq
 * must follow the previous one, its prev_hash must be the previous entry's hash, and the last
 * entry must be the one the head row records.
 */
export async function verifyAudit(ctx: StoreContext): Promise<AuditVerification> {
  return reading(ctx, async (db) => {
    const head = await db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
    const problems: AuditProblem[] = [];
    const report = (problem: AuditProblem) => {
      if (problems.length < MAX_PROBLEMS) problems.push(problem);
    };
    if (!head) {
      report({ seq: 0, problem: "head_mismatch", message: "The audit_head row (id 1) is missing: it was deleted outside Cairn. Restore it from a backup." });
      return { ok: false, entries_checked: 0, head_seq: 0, head_hash: "", problems };
    }
    const headSeq = Number(head.seq);
    let prevSeq = 0;
    let prevHash = AUDIT_GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">", prevSeq).where("seq", "<=", headSeq).orderBy("seq").limit(PAGE).execute();
      for (const raw of rows) {
        const row = hashedFields(raw);
        checked++;
        if (row.seq !== prevSeq + 1) {
          report({ seq: prevSeq + 1, problem: "missing", message: `${range(prevSeq + 1, row.seq - 1)} missing: deleted from audit_log.` });
        } else if (row.prev_hash !== prevHash) {
          report({ seq: row.seq, problem: "broken_link", message: `Entry ${row.seq}'s prev_hash is not entry ${prevSeq || "0 (the start)"}'s hash: one of them was replaced or rewritten with a new hash.` });
        }
        if (auditHash(row) !== row.hash) {
          report({ seq: row.seq, problem: "modified", message: `Entry ${row.seq}'s contents do not match its hash: it was changed after it was written.` });
        }
        prevSeq = row.seq;
        prevHash = row.hash;
      }
      if (rows.length < PAGE) break;
    }
    if (prevSeq < headSeq) {
      report({ seq: prevSeq + 1, problem: "head_mismatch", message: `The head records ${headSeq} entries but the log ends at ${prevSeq}: ${range(prevSeq + 1, headSeq)} missing (the newest entries were deleted).` });
    } else if (prevHash !== head.hash) {
      report({ seq: headSeq, problem: "head_mismatch", message: `Entry ${headSeq}'s hash is not the one the head records: the last entry was replaced, or the head was altered.` });
    }
    return { ok: problems.length === 0, entries_checked: checked, head_seq: headSeq, head_hash: head.hash, problems };
  });
}

function range(from: number, to: number): string {
  return from === to ? `Entry ${from} is` : `Entries ${from}-${to} are`;
}
