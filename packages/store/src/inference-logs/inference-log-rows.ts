import type { Selectable } from "kysely";
import type { InferenceRecord } from "@cairn/core";
import type { InferenceLogsTable } from "../schema.js";

/** An inference_logs row as read back. */
export type InferenceLogRow = Selectable<InferenceLogsTable>;

/** A stored row in the API's shape: JSON texts parsed back, empty fields left out. */
export function toInferenceRecord(r: InferenceLogRow): InferenceRecord {
  return {
    request_id: r.request_id,
    ...(r.deployment === null ? {} : { deployment: r.deployment }),
    model_name: r.model_name,
    model_version: r.model_version,
    timestamp_ms: Number(r.timestamp_ms),
    latency_ms: Number(r.latency_ms),
    inputs: JSON.parse(r.inputs) as unknown,
    outputs: JSON.parse(r.outputs) as unknown,
    shadow: Number(r.shadow) === 1,
    ...(r.status_code === null ? {} : { status_code: Number(r.status_code) }),
    ...(r.label === null ? {} : { label: JSON.parse(r.label) as unknown, label_timestamp_ms: Number(r.label_timestamp_ms) }),
  };
}
