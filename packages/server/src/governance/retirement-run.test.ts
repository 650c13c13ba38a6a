import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CairnStore } from "@cairn/core";
import { openStore } from "@cairn/store";
import { runRetirementPolicy, type RetirementRunStore } from "./retirement-run.js";

describe("applying a retirement plan", () => {
  let dir: string;
  let store: CairnStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-retire-run-"));
    store = await openStore(`sqlite:///${join(dir, "cairn.db")}`);
    await store.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 5; i++) await store.createModelVersion({ name: "churn", source: `s3://b/${i}` });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("re-reads each version first: one aliased, staged or deleted since the plan was read is left alone", async () => {
    const policy = await store.createRetirementPolicy({ name: "keep-1", model_name: "churn", rule: "keep_last", keep: 1, action: "archive", created_by: "t" });
    // The real store, with other people's changes landing right after the plan's facts are read.
    const racing: RetirementRunStore = Object.assign(Object.create(store) as CairnStore, {
      retirementFacts: async (name?: string) => {
        const facts = await store.retirementFacts(name);
        await store.setRegisteredModelAlias("churn", "champion", "1");
        await store.transitionModelVersionStage({ name: "churn", version: "2", stage: "Production" });
        await store.deleteModelVersion("churn", "3");
        return facts;
      },
    });
    const made = await runRetirementPolicy(racing, policy, { dryRun: false, now: Date.now() });
    assert.deepEqual(made.map((c) => c.version), ["4"]);
    const stages = await Promise.all(["1", "2", "4", "5"].map(async (v) => (await store.getModelVersion("churn", v)).current_stage));
    assert.deepEqual(stages, ["None", "Production", "Archived", "None"]);
  });
});
