import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCairnError } from "./errors.js";
import { canonicalStage, isLatestAlias, parseModelVersion, validateAliasName, validateModelName, validateNewAlias, validateRegistryTag } from "./registry-validation.js";

function rejects(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isCairnError(error), `expected a CairnError, got ${String(error)}`);
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, pattern);
    return true;
  });
}

describe("registry validation", () => {
  it("accepts model names and refuses empty, blank and overlong ones", () => {
    validateModelName("churn model/v2");
    rejects(() => validateModelName(""), /'name'.*non-empty/);
    rejects(() => validateModelName("  ", "new_name"), /'new_name'/);
    rejects(() => validateModelName("x".repeat(257)), /257 characters.*256/);
  });

  it("parses positive integer versions only", () => {
    assert.equal(parseModelVersion("1"), 1);
    assert.equal(parseModelVersion(" 42 "), 42);
    for (const bad of ["0", "-1", "1.5", "abc", "", "01", "1e3", "99999999999999999"]) rejects(() => parseModelVersion(bad), /'version'.*positive integers/);
  });

  it("canonicalizes stages in any case and names the valid ones", () => {
    assert.equal(canonicalStage("production"), "Production");
    assert.equal(canonicalStage("STAGING"), "Staging");
    assert.equal(canonicalStage("none"), "None");
    assert.equal(canonicalStage("Archived"), "Archived");
    rejects(() => canonicalStage("Prod"), /'Prod'.*None, Staging, Production, Archived/);
  });

  it("checks alias names and reserves latest and v<number>", () => {
    validateAliasName("champion-1_b");
    validateNewAlias("champion");
    rejects(() => validateAliasName(""), /'alias'/);
    rejects(() => validateAliasName("a b"), /letters, digits/);
    rejects(() => validateAliasName("a".repeat(256)), /255/);
    rejects(() => validateNewAlias("Latest"), /reserved/);
    rejects(() => validateNewAlias("v3"), /reserved/);
    assert.equal(isLatestAlias("LATEST"), true);
    assert.equal(isLatestAlias("champion"), false);
  });

  it("checks tag keys with MLflow's rule and values against the registry limit", () => {
    validateRegistryTag("mlflow.prompt.is_prompt", "true");
    validateRegistryTag("k", "v".repeat(100_000));
    rejects(() => validateRegistryTag("bad key!", "v"), /bad key!/);
    rejects(() => validateRegistryTag("k", "v".repeat(100_001)), /100001.*100000/);
  });
});
