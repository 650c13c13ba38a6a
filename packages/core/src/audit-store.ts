import type { AuditEntry, AuditEntryInput, AuditPage, AuditQuery, AuditVerification } from "./audit-entities.js";

/** A slice of the log in seq order, for export and verification: entries with seq > after_seq. */
export interface AuditScanInput {
  /** Resume after this seq (0 or absent: from the start). */
  after_seq?: number;
  since_ms?: number;
  /** Exclusive. */
  until_ms?: number;
  /** At most this many entries (default and ceiling 1000). */
  limit?: number;
}

/** One slice of a scan; next_after_seq is absent on the last one. */
export interface AuditScanPage {
  entries: AuditEntry[];
  next_after_seq?: number;
}

/**
 * The hash-chained audit log. appendAudit takes the head row's lock, so appends from every
 * replica form one chain; the other methods only read.
 */
export interface AuditStore {
  /** Appends entries in order in one transaction and returns them with their seq and hashes. */
  appendAudit(entries: AuditEntryInput[]): Promise<AuditEntry[]>;
  /** One page of entries, newest first. */
  listAudit(query: AuditQuery): Promise<AuditPage>;
  /** Oldest first, one slice at a time, so a large log is never loaded at once. */
  scanAudit(input: AuditScanInput): Promise<AuditScanPage>;
  /** Walks the whole chain up to the head and reports every problem it finds. */
  verifyAudit(): Promise<AuditVerification>;
}
