import { it } from "node:test";
import assert from "node:assert/strict";
import { finalSummary, isSecretField, MAX_SUMMARY_JSON, summaryFromInput } from "./audit-summary.js";

it("keeps identifying input fields and drops free text, nested data and secrets", () => {
  const summary = summaryFromInput({
    name: "churn",
    version: "7",
    alias: "champion",
    run_id: "abc",
    experiment_ids: ["1", "2"],
    description: "long free text",
    tags: [{ key: "a", value: "b" }],
    password: "hunter2",
    current_password: "old",
    secret: "shh",
    token: "cairn_t1_abcdefghijkl",
    is_admin: true,
    level: "EDIT",
  });
  assert.deepEqual(summary, { name: "churn", version: "7", alias: "champion", run_id: "abc", experiment_ids: ["1", "2"], is_admin: true, level: "EDIT" });
});

it("recognizes secret field names but not ids that merely mention tokens", () => {
  for (const key of ["password", "current_password", "new_password", "secret", "client_secret", "token", "csrf_token", "Authorization", "cookie", "api_key"]) assert.ok(isSecretField(key), key);
  for (const key of ["token_id", "name", "username", "model_id"]) assert.equal(isSecretField(key), false, key);
});

it("merges a handler's refinement, removing secrets at any depth and token-shaped values", () => {
  const summary = finalSummary(
    { name: "churn", key: "cairn_abc123_0123456789abcdef" },
    { from: { stage: "Staging", secret: "x" }, to: "Production", password: "p", list: [{ token: "t", id: 1 }] },
  );
  assert.deepEqual(summary, { name: "churn", key: "[redacted]", from: { stage: "Staging" }, to: "Production", list: [{ id: 1 }] });
});

it("caps strings, lists and the whole summary, and says when it dropped fields", () => {
  const capped = summaryFromInput({ name: "n".repeat(1000), aliases: Array.from({ length: 50 }, (_, i) => `a${i}`) });
  assert.equal(capped.name, `${"n".repeat(256)}…`);
  assert.equal((capped.aliases as string[]).length, 20);
  const big = finalSummary({}, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`field_${i}`, "v".repeat(200)])));
  assert.ok(JSON.stringify(big).length <= MAX_SUMMARY_JSON);
  assert.equal(big.truncated, true);
  assert.equal(big.field_0, "v".repeat(200));
  assert.equal(big.field_99, undefined);
});
