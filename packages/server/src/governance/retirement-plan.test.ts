import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isCairnError, type RetirementModelFacts, type RetirementVersionFacts } from "@cairn/core";
import { lastUsedAt, planRetirement, protectionOf, type PlannedPolicy } from "./retirement-plan.js";

const DAY = 86_400_000;
const NOW = 1_000 * DAY;

function version(n: number, patch: Partial<RetirementVersionFacts> = {}): RetirementVersionFacts {
  return { version: String(n), current_stage: "None", creation_timestamp: 0, last_updated_timestamp: 0, aliases: [], deployments: [], ...patch };
}

function model(name: string, versions: RetirementVersionFacts[], is_prompt = false): RetirementModelFacts {
  return { name, is_prompt, versions };
}

const unused = (days: number, action: "archive" | "delete" = "archive", model_name?: string): PlannedPolicy => ({ rule: "unused_for_days", days, action, ...(model_name ? { model_name } : {}) });
const keepLast = (keep: number, action: "archive" | "delete" = "delete"): PlannedPolicy => ({ rule: "keep_last", keep, action });

describe("retirement planning", () => {
  it("protects aliased, deployed, Production and Staging versions, saying why", () => {
    assert.equal(protectionOf(version(1)), undefined);
    assert.equal(protectionOf(version(1, { current_stage: "Archived" })), undefined);
    assert.equal(protectionOf(version(1, { aliases: ["champion", "prod"] })), "aliased (champion, prod)");
    assert.equal(protectionOf(version(1, { deployments: [{ deployment: "churn-prod", role: "canary" }] })), "deployed (churn-prod canary)");
    assert.equal(protectionOf(version(1, { current_stage: "Production" })), "in Production");
    assert.equal(protectionOf(version(1, { current_stage: "Staging" })), "in Staging");
  });

  it("counts a version as used when it was updated or served", () => {
    assert.equal(lastUsedAt(version(1, { creation_timestamp: 5, last_updated_timestamp: 7 })), 7);
    assert.equal(lastUsedAt(version(1, { creation_timestamp: 5, last_updated_timestamp: 7, last_served_ms: 9 })), 9);
  });

  it("unused_for_days retires versions idle for at least that many days, oldest version first", () => {
    const facts = [
      model("churn", [
        version(5, { last_updated_timestamp: NOW - 10 * DAY }),
        version(4, { last_updated_timestamp: NOW - 97 * DAY }),
        version(3, { last_updated_timestamp: NOW - 200 * DAY, last_served_ms: NOW - DAY }),
        version(2, { last_updated_timestamp: NOW - 90 * DAY }),
        version(1, { last_updated_timestamp: NOW - 90 * DAY + 1 }),
      ]),
    ];
    assert.deepEqual(planRetirement(unused(90), facts, NOW), [
      { name: "churn", version: "2", action: "archive", reason: "not aliased, deployed or served for 90 days" },
      { name: "churn", version: "4", action: "archive", reason: "not aliased, deployed or served for 97 days" },
    ]);
    assert.deepEqual(planRetirement(unused(1, "delete"), [model("m", [version(1, { last_updated_timestamp: NOW - DAY })])], NOW), [
      { name: "m", version: "1", action: "delete", reason: "not aliased, deployed or served for 1 day" },
    ]);
  });

  it("never plans a protected version, and archive skips versions already Archived", () => {
    const old = { last_updated_timestamp: NOW - 400 * DAY };
    const facts = [
      model("churn", [
        version(6, { ...old, aliases: ["champion"] }),
        version(5, { ...old, deployments: [{ deployment: "d", role: "shadow" }] }),
        version(4, { ...old, current_stage: "Production" }),
        version(3, { ...old, current_stage: "Staging" }),
        version(2, { ...old, current_stage: "Archived" }),
        version(1, old),
      ]),
    ];
    assert.deepEqual(planRetirement(unused(30), facts, NOW).map((c) => c.version), ["1"]);
    assert.deepEqual(planRetirement(unused(30, "delete"), facts, NOW).map((c) => c.version), ["1", "2"]);
    assert.deepEqual(planRetirement(keepLast(1), facts, NOW).map((c) => c.version), ["1", "2"]);
  });

  it("keep_last keeps the newest N by version number, protected ones among them", () => {
    const facts = [model("churn", [3, 7, 1, 5, 2].map((n) => version(n, { last_updated_timestamp: NOW })))];
    assert.deepEqual(planRetirement(keepLast(2), facts, NOW), [
      { name: "churn", version: "1", action: "delete", reason: "beyond the newest 2 versions" },
      { name: "churn", version: "2", action: "delete", reason: "beyond the newest 2 versions" },
      { name: "churn", version: "3", action: "delete", reason: "beyond the newest 2 versions" },
    ]);
    assert.equal(planRetirement(keepLast(1), facts, NOW)[0]!.reason, "beyond the newest 1 version");
    assert.deepEqual(planRetirement(keepLast(5), facts, NOW), []);
    const protectedNewest = [model("churn", [version(3, { aliases: ["a"] }), version(2), version(1)])];
    assert.deepEqual(planRetirement(keepLast(1), protectedNewest, NOW).map((c) => c.version), ["1", "2"]);
  });

  it("covers every model but prompts without model_name, and only its model with one", () => {
    const old = { last_updated_timestamp: 0 };
    const facts = [model("a", [version(1, old)]), model("b", [version(1, old)]), model("p", [version(1, old)], true)];
    assert.deepEqual(planRetirement(unused(1), facts, NOW).map((c) => c.name), ["a", "b"]);
    assert.deepEqual(planRetirement(unused(1, "archive", "p"), facts, NOW).map((c) => c.name), ["p"]);
    assert.deepEqual(planRetirement(unused(1, "archive", "b"), facts, NOW).map((c) => c.name), ["b"]);
    assert.deepEqual(planRetirement(unused(1), [], NOW), []);
  });

  it("refuses a policy without its number", () => {
    assert.throws(() => planRetirement({ rule: "keep_last", action: "delete" }, [model("a", [version(1)])], NOW), (error: unknown) => {
      assert.ok(isCairnError(error) && error.code === "INVALID_STATE" && /'keep'/.test(error.message));
      return true;
    });
  });
});
