import type { AuditEntry, AuditQuery, AuditVerification } from "@cairn/core";
import { getJson } from "../../auth/governance-http";

/** Filters of audit/list without paging; a resource matches itself and everything under it. */
export type AuditFilter = Omit<AuditQuery, "max_results" | "page_token">;

/** The audit endpoints (admin only; contract: Audit log). */
export const auditApi = {
  /** Entries newest first, a page at a time. */
  list: (query: AuditQuery, signal?: AbortSignal) => getJson<{ entries?: AuditEntry[]; next_page_token?: string }>("audit/list", { ...query }, signal),
  /** Re-computes the hash chain from the first entry to the head. */
  verify: () => getJson<AuditVerification>("audit/verify"),
};
