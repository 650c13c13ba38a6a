import type {
  AttachLabelsResult,
  InferenceLabelInput,
  InferenceRecord,
  InferenceRecordInput,
  LogInferencesResult,
  SearchInferenceLogsInput,
} from "./inference-log-entities.js";

/**
 * Persistence for inference logs. A batch is validated whole and inserted in one transaction;
 * a record whose (request_id, model_name, model_version, shadow) is already stored is ignored,
 * so a serving process may resend a batch whose answer it did not see.
 */
export interface InferenceLogStore {
  logInferences(records: readonly InferenceRecordInput[]): Promise<LogInferencesResult>;
  /** Labels every record of each request id, in one transaction. */
  attachInferenceLabels(labels: readonly InferenceLabelInput[]): Promise<AttachLabelsResult>;
  /** Newest first (by timestamp_ms). */
  searchInferenceLogs(input: SearchInferenceLogsInput): Promise<{ records: InferenceRecord[]; next_page_token?: string }>;
  /** Every record of one request (the live answer and any shadow answers). */
  getInferenceLogs(requestId: string): Promise<{ records: InferenceRecord[] }>;
}
