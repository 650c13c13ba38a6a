import { Type, type Static } from "@sinclair/typebox";
import { INFERENCE_LOG_LIMITS } from "../inference-log-entities.js";

// Request schemas for Cairn's inference logs (/api/2.0/cairn/inference-logs...). Counts, ids,
// versions and timestamps are checked by core's inference-log validation, which names the
// record at fault; here only the JSON shape.

const Str = () => Type.String();
// A type list rather than anyOf: Ajv coerces inside anyOf's first branch, turning null into "".
const Nullable = <T extends "string" | "integer">(type: T) => Type.Unsafe<(T extends "string" ? string : number) | null>({ type: [type, "null"] });

/** One record of POST inference-logs; inputs and outputs are any JSON value. */
export const InferenceRecord = Type.Object({
  request_id: Str(),
  deployment: Type.Optional(Nullable("string")),
  model_name: Str(),
  model_version: Str(),
  timestamp_ms: Type.Integer(),
  latency_ms: Type.Number(),
  inputs: Type.Unknown(),
  outputs: Type.Unknown(),
  shadow: Type.Optional(Type.Boolean()),
  status_code: Type.Optional(Nullable("integer")),
});
/** POST inference-logs. */
export const LogInferences = Type.Object({ records: Type.Array(InferenceRecord) });
/** POST inference-logs/labels. */
export const AttachInferenceLabels = Type.Object({
  labels: Type.Array(Type.Object({ request_id: Str(), label: Type.Unknown(), timestamp_ms: Type.Optional(Type.Integer()) })),
});
/** GET inference-logs/search. */
export const SearchInferenceLogs = Type.Object({
  deployment: Type.Optional(Str()),
  model_name: Type.Optional(Str()),
  model_version: Type.Optional(Str()),
  start_time_ms: Type.Optional(Type.Integer()),
  end_time_ms: Type.Optional(Type.Integer()),
  labeled: Type.Optional(Type.Boolean()),
  max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: INFERENCE_LOG_LIMITS.searchMax })),
  page_token: Type.Optional(Str()),
});
/** GET inference-logs/get. */
export const GetInferenceLogs = Type.Object({ request_id: Str() });
/** A record as POST inference-logs takes it. */
export type InferenceRecordBody = Static<typeof InferenceRecord>;
