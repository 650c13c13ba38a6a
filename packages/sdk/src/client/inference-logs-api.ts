import type {
  AttachLabelsResult,
  InferenceLabelInput,
  InferenceRecord,
  InferenceRecordInput,
  LogInferencesResult,
  SearchInferenceLogsInput,
} from "@cairn/core";
import type { Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/inference-logs";

/** Cairn's inference logs (/api/2.0/cairn/inference-logs...): what serving processes answered, with labels. */
export interface InferenceLogsApi {
  /** POST inference-logs: up to 1000 records in one call; resending records already stored is harmless. */
  log(records: readonly InferenceRecordInput[]): Promise<LogInferencesResult>;
  /** POST inference-logs/labels: labels every record of each request id; unknown ids come back in unknown_request_ids. */
  attachLabels(labels: readonly InferenceLabelInput[]): Promise<AttachLabelsResult>;
  /** GET inference-logs/search: newest first; the window includes start_time_ms and excludes end_time_ms. */
  search(request?: SearchInferenceLogsInput): Promise<{ records: InferenceRecord[]; next_page_token?: string }>;
  /** GET inference-logs/get: every record of one request (the answer and any shadow answers). */
  get(request: { request_id: string }): Promise<{ records: InferenceRecord[] }>;
}

/** Binds the inference-log endpoints to a transport. */
export function createInferenceLogsApi(t: Transport): InferenceLogsApi {
  return {
    log: (records) => t.call("POST", BASE, { records }),
    attachLabels: (labels) => t.call("POST", `${BASE}/labels`, { labels }),
    async search(request = {}) {
      const page = await t.call<{ records?: InferenceRecord[]; next_page_token?: string }>("GET", `${BASE}/search`, request);
      return { ...page, records: page.records ?? [] };
    },
    async get(request) {
      const answer = await t.call<{ records?: InferenceRecord[] }>("GET", `${BASE}/get`, request);
      return { records: answer.records ?? [] };
    },
  };
}
