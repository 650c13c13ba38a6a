import { it } from "node:test";
import assert from "node:assert/strict";
import type { CairnStore, CreateRetirementPolicyInput } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { openWithDb } from "./store-with-db.js";

const HOUR = 3_600_000;

/** A registered model with versions 1..n. */
async function registerModel(store: CairnStore, name: string, versions: number): Promise<void> {
  await store.createRegisteredModel({ name });
  for (let i = 1; i <= versions; i++) await store.createModelVersion({ name, source: `s3://models/${name}/${i}` });
}

const archiveStale: CreateRetirementPolicyInput = { name: "archive-stale", model_name: "churn", rule: "unused_for_days", days: 90, action: "archive", created_by: "alice" };

describeEachDialect("retirement policies: CRUD", (dialect) => {
  it("follows its model's renames and goes with its deletion", async () => {
    const store = await dialect.open();
    await registerModel(store, "churn", 1);
    await store.createRetirementPolicy(archiveStale);
    await store.renameRegisteredModel("churn", "churn-v2");
    assert.equal((await store.getRetirementPolicy("archive-stale")).model_name, "churn-v2");
    await store.deleteRegisteredModel("churn-v2");
    await expectCode(store.getRetirementPolicy("archive-stale"), "RESOURCE_DOES_NOT_EXIST");
  });

  it("creates, reads, lists and deletes policies", async () => {
    const store = await dialect.open({ clock: () => 5000, newId: (() => { let n = 0; return () => `id${++n}`; })() });
    await registerModel(store, "churn", 1);
    const created = await store.createRetirementPolicy({ ...archiveStale, schedule_hours: 24 });
    assert.deepEqual(created, {
      policy_id: created.policy_id,
      name: "archive-stale",
      model_name: "churn",
      rule: "unused_for_days",
      days: 90,
      action: "archive",
      schedule_hours: 24,
      created_by: "alice",
      creation_timestamp: 5000,
    });
    assert.deepEqual(await store.getRetirementPolicy("archive-stale"), created);
    const global = await store.createRetirementPolicy({ name: "Keep-5", rule: "keep_last", keep: 5, action: "delete", created_by: "anonymous" });
    assert.deepEqual([global.model_name, global.keep, global.days, global.schedule_hours], [undefined, 5, undefined, undefined]);

    // Ordered by code point: upper case first, on both dialects.
    assert.deepEqual((await store.listRetirementPolicies()).map((p) => p.name), ["Keep-5", "archive-stale"]);
    assert.deepEqual((await store.listRetirementPolicies({ model_name: "churn" })).map((p) => p.name), ["archive-stale"]);
    assert.deepEqual(await store.listRetirementPolicies({ model_name: "other" }), []);

    await store.deleteRetirementPolicy("archive-stale");
    await expectCode(store.getRetirementPolicy("archive-stale"), "RESOURCE_DOES_NOT_EXIST", /cairn policies list/);
    await expectCode(store.deleteRetirementPolicy("archive-stale"), "RESOURCE_DOES_NOT_EXIST");
    assert.deepEqual((await store.listRetirementPolicies()).map((p) => p.name), ["Keep-5"]);
  });

  it("refuses bad policies and writes nothing", async () => {
    const store = await dialect.open();
    await registerModel(store, "churn", 1);
    const bad: [Partial<CreateRetirementPolicyInput> & Record<string, unknown>, RegExp][] = [
      [{ name: "" }, /required parameter 'name'/],
      [{ name: "has space" }, /Invalid retirement policy name/],
      [{ name: "x".repeat(64) }, /1 to 63 characters/],
      [{ rule: "oldest" as never }, /'rule': use unused_for_days or keep_last/],
      [{ action: "purge" as never }, /'action': use archive or delete/],
      [{ days: undefined }, /Missing value for parameter 'days'/],
      [{ keep: 3 }, /'keep' does not apply to rule unused_for_days/],
      [{ rule: "keep_last", days: undefined }, /Missing value for parameter 'keep'/],
      [{ rule: "keep_last", keep: 3 }, /'days' does not apply to rule keep_last/],
      [{ days: 0 }, /'days': it must be a whole number from 1 to 36500/],
      [{ days: 1.5 }, /'days': it must be a whole number/],
      [{ rule: "keep_last", days: undefined, keep: 10_001 }, /'keep': it must be a whole number from 1 to 10000/],
      [{ schedule_hours: 0 }, /'schedule_hours': it must be a whole number from 1 to 8760/],
      [{ model_name: "" }, /'model_name'/],
    ];
    for (const [patch, message] of bad) await expectCode(store.createRetirementPolicy({ ...archiveStale, ...patch } as CreateRetirementPolicyInput), "INVALID_PARAMETER_VALUE", message);
    await expectCode(store.createRetirementPolicy({ ...archiveStale, model_name: "nope" }), "RESOURCE_DOES_NOT_EXIST", /Registered model 'nope' does not exist/);
    assert.deepEqual(await store.listRetirementPolicies(), []);

    await store.createRetirementPolicy(archiveStale);
    await expectCode(store.createRetirementPolicy({ ...archiveStale, days: 30 }), "RESOURCE_ALREADY_EXISTS", /already exists/);
    assert.equal((await store.getRetirementPolicy("archive-stale")).days, 90);
    await expectCode(store.getRetirementPolicy("bad name"), "INVALID_PARAMETER_VALUE");
  });
});

describeEachDialect("retirement policies: scheduled claims", (dialect) => {
  it("claims a policy when schedule_hours have passed since its last run (or creation), once", async () => {
    let now = 1_000_000;
    const store = await dialect.open({ clock: () => now });
    await registerModel(store, "churn", 1);
    await store.createRetirementPolicy({ ...archiveStale, schedule_hours: 24 });
    await store.createRetirementPolicy({ ...archiveStale, name: "manual-only" });

    assert.deepEqual(await store.claimDueRetirementPolicies(now + 24 * HOUR - 1), []);
    const first = await store.claimDueRetirementPolicies(now + 24 * HOUR);
    assert.deepEqual(first.map((p) => [p.name, p.last_run_at]), [["archive-stale", now + 24 * HOUR]]);
    assert.equal((await store.getRetirementPolicy("archive-stale")).last_run_at, now + 24 * HOUR);
    // Claimed: not due again until another 24 hours have passed.
    assert.deepEqual(await store.claimDueRetirementPolicies(now + 24 * HOUR), []);
    assert.deepEqual(await store.claimDueRetirementPolicies(now + 48 * HOUR - 1), []);
    assert.equal((await store.claimDueRetirementPolicies(now + 48 * HOUR)).length, 1);

    // A manual run restarts the clock.
    now += 50 * HOUR;
    const recorded = await store.recordRetirementRun("archive-stale", now);
    assert.equal(recorded.last_run_at, now);
    assert.deepEqual(await store.claimDueRetirementPolicies(now + 23 * HOUR), []);
    assert.equal((await store.claimDueRetirementPolicies(now + 24 * HOUR)).length, 1);
    await expectCode(store.recordRetirementRun("gone", now), "RESOURCE_DOES_NOT_EXIST");
    assert.equal((await store.getRetirementPolicy("manual-only")).last_run_at, undefined);
  });

  it("gives a due policy to exactly one of two schedulers claiming at once", async () => {
    const db = await openWithDb(dialect, { clock: () => 0 });
    try {
      await registerModel(db.store, "churn", 1);
      for (let i = 0; i < 5; i++) await db.store.createRetirementPolicy({ ...archiveStale, name: `p${i}`, schedule_hours: 1 });
      // Two replicas only run on PostgreSQL; on SQLite (one process) two schedulers share one store.
      const other = dialect.name === "postgres" ? await db.replica() : db.store;
      for (let round = 1; round <= 3; round++) {
        const at = round * HOUR;
        const [a, b] = await Promise.all([db.store.claimDueRetirementPolicies(at), other.claimDueRetirementPolicies(at)]);
        const names = [...a, ...b].map((p) => p.name).sort();
        assert.deepEqual(names, ["p0", "p1", "p2", "p3", "p4"], `round ${round}: each policy claimed exactly once`);
      }
      assert.equal(await db.count("retirement_policies", `last_run_at = ${3 * HOUR}`), 5);
    } finally {
      await db.close();
    }
  });
});

describeEachDialect("retirement facts", (dialect) => {
  it("reports each version's aliases, deployments, stage, times and last inference", async () => {
    let now = 1000;
    const store = await dialect.open({ clock: () => now });
    await registerModel(store, "churn", 6);
    now = 2000;
    await store.setRegisteredModelAlias("churn", "champion", "2");
    await store.setRegisteredModelAlias("churn", "backup", "2");
    await store.transitionModelVersionStage({ name: "churn", version: "3", stage: "Staging" });
    await store.createDeployment({ name: "churn-prod", model_uri: "models:/churn@champion" });
    await store.setDeploymentCanary({ name: "churn-prod", model_uri: "models:/churn/4", percent: 10 });
    await store.setDeploymentShadow({ name: "churn-prod", model_uri: "models:/churn/5", percent: 50 });
    await store.createDeployment({ name: "churn-ab", model_uri: "models:/churn/1" });
    await store.setDeploymentAb({ name: "churn-ab", variants: [{ model_uri: "models:/churn/1", weight: 50 }, { model_uri: "models:/churn/4", weight: 50 }] });
    const record = { deployment: null, model_name: "churn", latency_ms: 1, inputs: {}, outputs: {} };
    await store.logInferences([
      { ...record, request_id: "a", model_version: "6", timestamp_ms: 7000 },
      { ...record, request_id: "b", model_version: "6", timestamp_ms: 9000 },
      { ...record, request_id: "c", model_version: "1", timestamp_ms: 8000 },
    ]);
    await registerModel(store, "fraud", 1);
    await store.setRegisteredModelTag("fraud", { key: "mlflow.prompt.is_prompt", value: "true" });
    await store.createRegisteredModel({ name: "empty" });

    const facts = await store.retirementFacts("churn");
    assert.equal(facts.length, 1);
    assert.deepEqual([facts[0]!.name, facts[0]!.is_prompt], ["churn", false]);
    const byVersion = new Map(facts[0]!.versions.map((v) => [v.version, v]));
    assert.deepEqual(facts[0]!.versions.map((v) => v.version), ["6", "5", "4", "3", "2", "1"]);
    assert.deepEqual(byVersion.get("2"), {
      version: "2",
      current_stage: "None",
      creation_timestamp: 1000,
      last_updated_timestamp: 1000,
      aliases: ["backup", "champion"],
      deployments: [{ deployment: "churn-prod", role: "primary" }],
    });
    assert.deepEqual(byVersion.get("3")!.current_stage, "Staging");
    assert.deepEqual(byVersion.get("3")!.last_updated_timestamp, 2000);
    assert.deepEqual(byVersion.get("4")!.deployments.sort((a, b) => a.deployment.localeCompare(b.deployment)), [
      { deployment: "churn-ab", role: "variant" },
      { deployment: "churn-prod", role: "canary" },
    ]);
    assert.deepEqual(byVersion.get("5")!.deployments, [{ deployment: "churn-prod", role: "shadow" }]);
    assert.deepEqual(byVersion.get("1")!.deployments, [{ deployment: "churn-ab", role: "primary" }, { deployment: "churn-ab", role: "variant" }]);
    assert.equal(byVersion.get("1")!.last_served_ms, 8000);
    assert.equal(byVersion.get("6")!.last_served_ms, 9000);
    assert.equal("last_served_ms" in byVersion.get("5")!, false);
    assert.deepEqual(byVersion.get("6")!.deployments, []);
    assert.deepEqual(byVersion.get("6")!.aliases, []);

    const all = await store.retirementFacts();
    assert.deepEqual(all.map((m) => [m.name, m.is_prompt, m.versions.length]), [["churn", false, 6], ["empty", false, 0], ["fraud", true, 1]]);
    assert.deepEqual(await store.retirementFacts("unknown"), []);
  });
});
