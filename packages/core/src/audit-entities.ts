/** The prev_hash of the first audit entry: 64 zeros, where every chain starts. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);
/** audit/list pages hold this many entries unless max_results says otherwise. */
export const AUDIT_DEFAULT_MAX_RESULTS = 100;
/** The largest audit/list page. */
export const AUDIT_MAX_RESULTS = 1000;

/**
 * One stored audit entry: who did what to which resource, from where, and the hash chain that
 * makes later edits, deletions and truncation detectable (see docs/audit.md).
 */
export interface AuditEntry {
  /** 1, 2, 3 ... in commit order, without gaps. */
  seq: number;
  timestamp_ms: number;
  /** The username, or "anonymous" with auth off. */
  actor: string;
  /** `${method} ${route}`, e.g. "POST /api/2.0/mlflow/registered-models/alias". */
  action: string;
  /** A resource URI such as `models:/churn/7`, `experiments:/3` or `server`. */
  resource: string;
  /** The caller's x-request-id header when sent, else the server's own request id. */
  request_id: string;
  /** The caller's IP address. */
  client: string;
  /** Identifying input fields (ids, names, version, alias ...), never passwords, secrets or tokens. */
  summary: Record<string, unknown>;
  /** The previous entry's hash (AUDIT_GENESIS_HASH for the first). */
  prev_hash: string;
  /** sha256 hex over the canonical serialization of every other field. */
  hash: string;
}

/** What a writer hands the store; the store assigns seq and the hashes. */
export type AuditEntryInput = Omit<AuditEntry, "seq" | "prev_hash" | "hash">;

/** GET audit/list: filters (all optional, combined with AND) and a page. */
export interface AuditQuery {
  /** This URI and everything under it: `models:/churn` matches `models:/churn/7` but not `models:/churn2`. */
  resource?: string;
  actor?: string;
  /** Exact action, e.g. "DELETE /api/2.0/mlflow/registered-models/alias". */
  action?: string;
  /** Entries at or after this time. */
  since_ms?: number;
  /** Entries before this time (exclusive, so consecutive ranges never overlap). */
  until_ms?: number;
  max_results?: number;
  page_token?: string;
}

/** One audit/list page, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  next_page_token?: string;
}

/** What verification found wrong: a changed entry, a gap, a broken link, or a head that disagrees with the last entry. */
export type AuditProblemKind = "modified" | "missing" | "broken_link" | "head_mismatch";

/** One problem verification found, at the first seq it concerns. */
export interface AuditProblem {
  seq: number;
  problem: AuditProblemKind;
  message: string;
}

/** GET audit/verify: the outcome of walking the whole chain. */
export interface AuditVerification {
  ok: boolean;
  entries_checked: number;
  /** The head row's seq and hash: record head_hash elsewhere to anchor the chain. */
  head_seq: number;
  head_hash: string;
  problems: AuditProblem[];
}
