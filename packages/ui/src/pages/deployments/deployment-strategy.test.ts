import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Deployment } from "@cairn/core";
import { deploymentStrategy } from "./deployment-strategy";

const base: Deployment = { name: "churn-prod", model_name: "churn", revision: 1, creation_timestamp: 1, last_updated_timestamp: 1, primary: { model_uri: "models:/churn/1", version: "1" } };

describe("a deployment's strategy in words", () => {
  it("names a single route, a canary and an A/B split", () => {
    assert.equal(deploymentStrategy(base), "single");
    assert.equal(deploymentStrategy({ ...base, canary: { model_uri: "models:/churn/2", percent: 10, version: "2" } }), "canary 10% → v2");
    assert.equal(
      deploymentStrategy({ ...base, variants: [{ model_uri: "models:/churn/1", weight: 70, version: "1" }, { model_uri: "models:/churn@challenger", weight: 30, version: null }], sticky_key: "user_id" }),
      "A/B v1 70% / missing version 30% (sticky by user_id)",
    );
  });

  it("adds a shadow to whatever serves", () => {
    assert.equal(deploymentStrategy({ ...base, shadow: { model_uri: "models:/churn/3", percent: 100, version: "3" } }), "single, shadow 100% → v3");
  });
});
