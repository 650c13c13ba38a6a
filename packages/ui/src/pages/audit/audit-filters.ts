import type { AuditFilter } from "./audit-api";

/** The audit page's filters as they sit in the URL (shareable): since is a local date-time ("2026-03-01T09:30"). */
export interface AuditUrlFilter {
  resource: string;
  actor: string;
  action: string;
  since: string;
}

/** Reads the filters from the query string; absent ones are "". */
export function readAuditFilter(params: URLSearchParams): AuditUrlFilter {
  return { resource: params.get("resource") ?? "", actor: params.get("actor") ?? "", action: params.get("action") ?? "", since: params.get("since") ?? "" };
}

/** The API's filter: empty fields left out, since as ms (undefined when it is not a date). */
export function toApiFilter(filter: AuditUrlFilter): AuditFilter {
  const sinceMs = filter.since ? new Date(filter.since).getTime() : NaN;
  return {
    ...(filter.resource.trim() ? { resource: filter.resource.trim() } : {}),
    ...(filter.actor.trim() ? { actor: filter.actor.trim() } : {}),
    ...(filter.action.trim() ? { action: filter.action.trim() } : {}),
    ...(Number.isFinite(sinceMs) ? { since_ms: sinceMs } : {}),
  };
}
