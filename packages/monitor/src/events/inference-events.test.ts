import { it } from "node:test";
import assert from "node:assert/strict";
import type { InferenceRecordInput } from "@cairn/core";
import { inferenceLabels, inferenceRecordEvents, requestRows, rowPrediction } from "./inference-events.js";

const record = (over: Partial<InferenceRecordInput>): InferenceRecordInput => ({
  request_id: "r1",
  deployment: "churn-api",
  model_name: "churn",
  model_version: "7",
  timestamp_ms: 1_000,
  latency_ms: 2.5,
  inputs: {},
  outputs: [],
  status_code: 200,
  ...over,
});

it("reads rows from every MLflow scoring form", () => {
  assert.deepEqual(requestRows({ dataframe_split: { columns: ["a", "b"], data: [[1, "x"], [2, "y"]] } }), [
    { a: 1, b: "x" },
    { a: 2, b: "y" },
  ]);
  assert.deepEqual(requestRows({ dataframe_records: [{ a: 1 }] }), [{ a: 1 }]);
  assert.deepEqual(requestRows({ instances: [{ a: 3 }] }), [{ a: 3 }]);
  assert.deepEqual(requestRows({ inputs: { a: [1, 2], b: ["p", "q"] } }), [
    { a: 1, b: "p" },
    { a: 2, b: "q" },
  ]);
  assert.equal(requestRows({ inputs: [[1, 2, 3]] }), undefined, "raw tensors have no named features");
});

it("takes a prediction and the positive score from per-row outputs", () => {
  assert.deepEqual(rowPrediction({ label: 1, probabilities: [0.2, 0.8] }, "1"), { prediction: 1, score: 0.8 });
  assert.deepEqual(rowPrediction({ output_label: ["yes"], output_probability: { yes: 0.7, no: 0.3 } }, "yes"), { prediction: "yes", score: 0.7 });
  assert.deepEqual(rowPrediction([0.1, 0.9], "1"), { prediction: 1, score: 0.9 });
  assert.deepEqual(rowPrediction(3.5, "1"), { prediction: 3.5 });
});

it("turns a logged request into one event per row, latency on the first, and skips shadow answers", () => {
  const events = inferenceRecordEvents(record({ inputs: { dataframe_split: { columns: ["age"], data: [[30], [40]] } }, outputs: [0, 1] }));
  assert.deepEqual(events, [
    { request_id: "r1#0", timestamp_ms: 1_000, features: { age: 30 }, prediction: 0, variant: "7", latency_ms: 2.5, status_code: 200 },
    { request_id: "r1#1", timestamp_ms: 1_000, features: { age: 40 }, prediction: 1, variant: "7" },
  ]);
  const single = inferenceRecordEvents(record({ inputs: { dataframe_records: [{ age: 5 }] }, outputs: [1] }));
  assert.equal(single[0]!.request_id, "r1");
  assert.deepEqual(inferenceRecordEvents(record({ shadow: true, inputs: { dataframe_records: [{ age: 5 }] } })), []);
  const tensor = inferenceRecordEvents(record({ inputs: { inputs: [[1, 2]] }, outputs: [1] }));
  assert.deepEqual(tensor[0]!.features, {}, "an unreadable request still counts, with every feature missing");
});

it("spreads a list label over a request's rows", () => {
  assert.deepEqual(inferenceLabels([{ request_id: "r1", label: [0, 1] }, { request_id: "r2", label: 1, timestamp_ms: 5 }, { request_id: "r3", label: [1] }]), [
    { request_id: "r1#0", label: 0 },
    { request_id: "r1#1", label: 1 },
    { request_id: "r2", label: 1, timestamp_ms: 5 },
    { request_id: "r3", label: 1 },
  ]);
});
