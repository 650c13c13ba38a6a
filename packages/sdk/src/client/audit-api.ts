import type { AuditEntry, AuditVerification } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type { Paged } from "./wire-types.js";

const BASE = "/api/2.0/cairn/audit";

/** A time range of the log: since_ms inclusive, until_ms exclusive (ms since the epoch). */
export interface AuditRange {
  since_ms?: number;
  until_ms?: number;
}

/** GET audit/list: filters combined with AND, and one page of up to 1000 entries. */
export interface AuditListRequest extends AuditRange {
  /** This resource URI and everything under it: `models:/churn` includes `models:/churn/7`. */
  resource?: string;
  actor?: string;
  /** Exact action, e.g. "POST /api/2.0/mlflow/registered-models/alias". */
  action?: string;
  max_results?: number;
  page_token?: string;
}

/** Cairn's audit log (/api/2.0/cairn/audit/...); every call needs an admin. */
export interface AuditApi {
  /** GET audit/list: one page of entries, newest first. */
  list(request?: AuditListRequest): Promise<Paged<"entries", AuditEntry>>;
  /** GET audit/verify: walks the hash chain and reports what does not hold. */
  verify(): Promise<AuditVerification>;
  /** GET audit/export: the entries as NDJSON lines (one JSON text each, no newline), oldest first, streamed. */
  exportLines(request?: AuditRange): AsyncIterable<string>;
}

/** Binds the audit endpoints to a transport. */
export function createAuditApi(t: Transport): AuditApi {
  return {
    async list(request = {}) {
      const page = await t.call<{ entries?: AuditEntry[]; next_page_token?: string }>("GET", `${BASE}/list`, request);
      return { ...page, entries: page.entries ?? [] };
    },
    verify: () => t.call("GET", `${BASE}/verify`),
    exportLines: (request = {}) => ({
      async *[Symbol.asyncIterator]() {
        const response = await t.request("GET", `${BASE}/export`, { query: request, headers: { accept: "application/x-ndjson" } });
        if (!response.body) return;
        yield* splitLines(response.body as unknown as AsyncIterable<Uint8Array>);
      },
    }),
  };
}

/** Splits a byte stream into its non-empty lines, decoding UTF-8 across chunk boundaries. */
async function* splitLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of chunks) {
    rest += decoder.decode(chunk, { stream: true });
    let at: number;
    while ((at = rest.indexOf("\n")) >= 0) {
      const line = rest.slice(0, at);
      rest = rest.slice(at + 1);
      if (line !== "") yield line;
    }
  }
  rest += decoder.decode();
  if (rest !== "") yield rest;
}
