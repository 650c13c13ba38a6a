import type { AuditStore } from "@cairn/core";
import type { StoreContext } from "./tracking/context.js";
import { appendAudit } from "./audit/audit-append.js";
import { listAudit, scanAudit } from "./audit/audit-queries.js";
import { verifyAudit } from "./audit/audit-verify.js";

/** The AuditStore over either dialect: the hash-chained append, listings, scans and verification. */
export function createAuditStore(ctx: StoreContext): AuditStore {
  return {
    appendAudit: (entries) => appendAudit(ctx, entries),
    listAudit: (query) => listAudit(ctx, query),
    scanAudit: (input) => scanAudit(ctx, input),
    verifyAudit: () => verifyAudit(ctx),
  };
}
