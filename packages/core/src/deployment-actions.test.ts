import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isCairnError, type ErrorCode } from "./errors.js";
import { planAb, planCanary, planCreate, planPromote, planRollback, planShadow, rollbackTarget, specModelUris } from "./deployment-actions.js";
import type { DeploymentSpec } from "./deployment-entities.js";
import { parseDeploymentModelUri, validateDeploymentName } from "./deployment-validation.js";

function throwsCode(fn: () => unknown, code: ErrorCode, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isCairnError(error), String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

const base: DeploymentSpec = { primary: { model_uri: "models:/churn@champion" } };

describe("deployment names and model URIs", () => {
  it("accepts URL-safe names of 1 to 63 characters and refuses others, saying what is allowed", () => {
    for (const ok of ["a", "churn-prod", "Churn.v2_b", "9lives", "x".repeat(63)]) validateDeploymentName(ok);
    for (const bad of ["", "-lead", ".dot", "has space", "slash/name", "ü", "x".repeat(64), "a?b"]) {
      throwsCode(() => validateDeploymentName(bad), "INVALID_PARAMETER_VALUE", bad === "" ? /Missing value/ : /1 to 63 characters.*letters, digits/);
    }
  });

  it("keeps version and alias forms in canonical spelling and refuses stages, latest and other models", () => {
    assert.deepEqual(parseDeploymentModelUri("models:/churn/007"), { model_uri: "models:/churn/7", model_name: "churn", kind: "version", version: "7" });
    assert.deepEqual(parseDeploymentModelUri("models:/churn@champion", "churn"), { model_uri: "models:/churn@champion", model_name: "churn", kind: "alias", alias: "champion" });
    throwsCode(() => parseDeploymentModelUri("models:/churn/Production"), "INVALID_PARAMETER_VALUE", /names a stage \(Production\).*version \(models:\/churn\/7\) or an alias/);
    throwsCode(() => parseDeploymentModelUri("models:/churn/latest"), "INVALID_PARAMETER_VALUE", /the latest version/);
    throwsCode(() => parseDeploymentModelUri("models:/churn@Latest"), "INVALID_PARAMETER_VALUE", /the latest version/);
    throwsCode(() => parseDeploymentModelUri("models:/other/3", "churn"), "INVALID_PARAMETER_VALUE", /names model 'other', but this deployment serves model 'churn'/);
    throwsCode(() => parseDeploymentModelUri("runs:/abc/model"), "INVALID_PARAMETER_VALUE", /is not a models:\/ URI/);
    throwsCode(() => parseDeploymentModelUri("models:/churn@bad alias"), "INVALID_PARAMETER_VALUE", /Invalid alias/);
    throwsCode(() => parseDeploymentModelUri(""), "INVALID_PARAMETER_VALUE", /Missing value for required parameter 'model_uri'/);
  });
});

describe("deployment actions", () => {
  it("create routes everything to the given URI and reads the model name from it", () => {
    const plan = planCreate({ model_uri: "models:/churn/3" });
    assert.deepEqual(plan, { action: "create", model_name: "churn", spec: { primary: { model_uri: "models:/churn/3" } }, check: [parseDeploymentModelUri("models:/churn/3")] });
  });

  it("canary sets or changes the percent, clears A/B variants and refuses 0, out-of-range values and the primary itself", () => {
    const first = planCanary(base, "churn", { model_uri: "models:/churn/7", percent: 10 });
    assert.deepEqual(first.spec, { primary: base.primary, canary: { model_uri: "models:/churn/7", percent: 10 } });
    assert.deepEqual(first.check.map((r) => r.model_uri), ["models:/churn/7"]);
    assert.deepEqual(planCanary(first.spec, "churn", { model_uri: "models:/churn/7", percent: 2.5 }).spec.canary, { model_uri: "models:/churn/7", percent: 2.5 });
    const ab: DeploymentSpec = { ...base, variants: [{ model_uri: "models:/churn/1", weight: 50 }, { model_uri: "models:/churn/2", weight: 50 }], sticky_key: "user", shadow: { model_uri: "models:/churn/9", percent: 5 } };
    assert.deepEqual(planCanary(ab, "churn", { model_uri: "models:/churn/7", percent: 100 }).spec, { ...base, shadow: ab.shadow, canary: { model_uri: "models:/churn/7", percent: 100 } });

    throwsCode(() => planCanary(base, "churn", { model_uri: "models:/churn/7", percent: 0 }), "INVALID_PARAMETER_VALUE", /percent of 0 is not allowed.*roll back.*promote/);
    throwsCode(() => planCanary(base, "churn", { model_uri: "models:/churn/7", percent: 100.5 }), "INVALID_PARAMETER_VALUE", /above 0 and at most 100/);
    throwsCode(() => planCanary(base, "churn", { model_uri: "models:/churn/7", percent: -3 }), "INVALID_PARAMETER_VALUE", /above 0 and at most 100/);
    throwsCode(() => planCanary(base, "churn", { model_uri: "models:/churn/7", percent: Number.NaN }), "INVALID_PARAMETER_VALUE", /percent/);
    throwsCode(() => planCanary(base, "churn", { model_uri: "models:/churn@champion", percent: 5 }), "INVALID_PARAMETER_VALUE", /already the primary/);
    throwsCode(() => planCanary(base, "churn", { model_uri: "models:/fraud/1", percent: 5 }), "INVALID_PARAMETER_VALUE", /serves model 'churn'/);
  });

  it("ab needs two or more distinct variants with whole weights summing to 100, and clears the canary", () => {
    const withCanary: DeploymentSpec = { ...base, canary: { model_uri: "models:/churn/7", percent: 10 } };
    const plan = planAb(withCanary, "churn", { variants: [{ model_uri: "models:/churn/6", weight: 30 }, { model_uri: "models:/churn@challenger", weight: 70 }], sticky_key: "customer_id" });
    assert.deepEqual(plan.spec, { ...base, variants: [{ model_uri: "models:/churn/6", weight: 30 }, { model_uri: "models:/churn@challenger", weight: 70 }], sticky_key: "customer_id" });
    assert.deepEqual(plan.check.map((r) => r.model_uri), ["models:/churn/6", "models:/churn@challenger"]);
    // A new A/B without a sticky key drops the old one; a zero weight is allowed.
    assert.equal(planAb(plan.spec, "churn", { variants: [{ model_uri: "models:/churn/6", weight: 0 }, { model_uri: "models:/churn/8", weight: 100 }] }).spec.sticky_key, undefined);

    const v = (uri: string, weight: number) => ({ model_uri: uri, weight });
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", 100)] }), "INVALID_PARAMETER_VALUE", /at least two variants/);
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", 50), v("models:/churn/06", 50)] }), "INVALID_PARAMETER_VALUE", /variants\[0\] and variants\[1\] both name models:\/churn\/6/);
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", 50), v("models:/churn/7", 40)] }), "INVALID_PARAMETER_VALUE", /sum to 90; they must sum to 100/);
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", 50.5), v("models:/churn/7", 49.5)] }), "INVALID_PARAMETER_VALUE", /variants\[0\]\.weight.*whole number/);
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", -10), v("models:/churn/7", 110)] }), "INVALID_PARAMETER_VALUE", /variants\[0\]\.weight/);
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", 50), v("models:/churn/Staging", 50)] }), "INVALID_PARAMETER_VALUE", /variants\[1\]\.model_uri.*stage/);
    throwsCode(() => planAb(base, "churn", { variants: [v("models:/churn/6", 50), v("models:/churn/7", 50)], sticky_key: " " }), "INVALID_PARAMETER_VALUE", /sticky_key/);
  });

  it("shadow sets a copy beside a canary or variants, and refuses 0 and the primary", () => {
    const withCanary: DeploymentSpec = { ...base, canary: { model_uri: "models:/churn/7", percent: 10 } };
    assert.deepEqual(planShadow(withCanary, "churn", { model_uri: "models:/churn/8", percent: 50 }).spec, { ...withCanary, shadow: { model_uri: "models:/churn/8", percent: 50 } });
    throwsCode(() => planShadow(base, "churn", { model_uri: "models:/churn/8", percent: 0 }), "INVALID_PARAMETER_VALUE", /shadow percent of 0/);
    throwsCode(() => planShadow(base, "churn", { model_uri: "models:/churn@champion", percent: 5 }), "INVALID_PARAMETER_VALUE", /already the primary/);
  });

  it("promote takes the canary first, else the named variant, else the shadow", () => {
    const shadow = { model_uri: "models:/churn/9", percent: 5 };
    const canary: DeploymentSpec = { ...base, canary: { model_uri: "models:/churn/7", percent: 10 }, shadow };
    assert.deepEqual(planPromote(canary, "churn", {}).spec, { primary: { model_uri: "models:/churn/7" }, shadow });
    assert.deepEqual(planPromote(canary, "churn", { model_uri: "models:/churn/7" }).check.map((r) => r.model_uri), ["models:/churn/7"]);
    throwsCode(() => planPromote(canary, "churn", { model_uri: "models:/churn/8" }, "d"), "INVALID_PARAMETER_VALUE", /promotes its canary, models:\/churn\/7, not models:\/churn\/8/);

    const ab: DeploymentSpec = { ...base, variants: [{ model_uri: "models:/churn/6", weight: 50 }, { model_uri: "models:/churn/7", weight: 50 }], sticky_key: "k" };
    assert.deepEqual(planPromote(ab, "churn", { model_uri: "models:/churn/07" }).spec, { primary: { model_uri: "models:/churn/7" } });
    throwsCode(() => planPromote(ab, "churn", {}, "d"), "INVALID_PARAMETER_VALUE", /runs an A\/B test: name the variant.*models:\/churn\/6, models:\/churn\/7/);
    throwsCode(() => planPromote(ab, "churn", { model_uri: "models:/churn/8" }, "d"), "INVALID_PARAMETER_VALUE", /not a variant of deployment 'd'/);

    assert.deepEqual(planPromote({ ...base, shadow }, "churn", {}).spec, { primary: { model_uri: "models:/churn/9" } });
    throwsCode(() => planPromote(base, "churn", {}, "d"), "INVALID_PARAMETER_VALUE", /has no canary, A\/B variants or shadow to promote/);
    // Promoting a canary that is also the shadow leaves no shadow of the primary itself.
    assert.deepEqual(planPromote({ ...base, canary: { model_uri: "models:/churn/9", percent: 1 }, shadow }, "churn", {}).spec, { primary: { model_uri: "models:/churn/9" } });
  });

  it("rollback goes to the revision before the current one, or to an earlier one given", () => {
    assert.equal(rollbackTarget(5, undefined), 4);
    assert.equal(rollbackTarget(5, 2), 2);
    throwsCode(() => rollbackTarget(1, undefined, "d"), "INVALID_PARAMETER_VALUE", /only its first revision; there is nothing to roll back to/);
    throwsCode(() => rollbackTarget(5, 5, "d"), "INVALID_PARAMETER_VALUE", /Revision 5 is the current revision/);
    throwsCode(() => rollbackTarget(5, 9, "d"), "RESOURCE_DOES_NOT_EXIST", /no revision 9: its revisions are 1 to 5/);
    throwsCode(() => rollbackTarget(5, 0, "d"), "RESOURCE_DOES_NOT_EXIST", /no revision 0/);
    throwsCode(() => rollbackTarget(5, 1.5, "d"), "INVALID_PARAMETER_VALUE", /revision/);

    const target: DeploymentSpec = { ...base, canary: { model_uri: "models:/churn/7", percent: 10 }, shadow: { model_uri: "models:/churn/7", percent: 3 } };
    const plan = planRollback(target, "churn");
    assert.deepEqual(plan.spec, target);
    assert.notEqual(plan.spec, target);
    assert.deepEqual(plan.check.map((r) => r.model_uri), ["models:/churn@champion", "models:/churn/7"]);
  });

  it("lists each URI of a spec once, primary first", () => {
    const spec: DeploymentSpec = { primary: { model_uri: "models:/m/1" }, variants: [{ model_uri: "models:/m/2", weight: 50 }, { model_uri: "models:/m/1", weight: 50 }], shadow: { model_uri: "models:/m@s", percent: 1 } };
    assert.deepEqual(specModelUris(spec), ["models:/m/1", "models:/m/2", "models:/m@s"]);
  });
});
