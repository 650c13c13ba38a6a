import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openStore } from "@cairn/store";
import type { AuthStore } from "@cairn/core";
import { GRANT_CACHE_MS, GrantCache } from "../src/auth/grant-cache.js";

// A real SQLite store; the wrapper only counts how often the cache goes to it.
async function countingStore() {
  const store = await openStore("sqlite://:memory:");
  const calls = { grantedLevels: 0, experimentOf: 0 };
  const counted: Pick<AuthStore, "grantedLevels" | "experimentOf"> = {
    grantedLevels: (...args) => (calls.grantedLevels++, store.grantedLevels(...args)),
    experimentOf: (...args) => (calls.experimentOf++, store.experimentOf(...args)),
  };
  return { store, calls, counted };
}

describe("grant cache", () => {
  it("answers repeated lookups from memory, until invalidated or GRANT_CACHE_MS has passed", async () => {
    const { store, calls, counted } = await countingStore();
    const bob = await store.createUser({ username: "bob", password_hash: "x" });
    const experimentId = await store.createExperiment({ name: "e" });
    await store.setPermission({ resource_type: "experiment", resource_id: experimentId, principal_type: "user", principal: "bob", level: "EDIT", granted_by: "admin" });
    let now = 1_000;
    const cache = new GrantCache(counted, () => now);

    const first = await cache.grantedLevels(bob.user_id, "experiment", [experimentId, "999"]);
    assert.deepEqual([...first], [[experimentId, "EDIT"]]);
    const second = await cache.grantedLevels(bob.user_id, "experiment", [experimentId, "999"]);
    assert.deepEqual([...second], [[experimentId, "EDIT"]], "a cached absence stays absent");
    assert.equal(calls.grantedLevels, 1);

    await store.setPermission({ resource_type: "experiment", resource_id: experimentId, principal_type: "user", principal: "bob", level: "READ", granted_by: "admin" });
    cache.invalidate();
    assert.equal((await cache.grantedLevels(bob.user_id, "experiment", [experimentId])).get(experimentId), "READ");
    assert.equal(calls.grantedLevels, 2);

    await store.deletePermission({ resource_type: "experiment", resource_id: experimentId, principal_type: "user", principal: "bob" });
    now += GRANT_CACHE_MS - 1;
    assert.equal((await cache.grantedLevels(bob.user_id, "experiment", [experimentId])).get(experimentId), "READ", "still within the window");
    now += 1;
    assert.equal((await cache.grantedLevels(bob.user_id, "experiment", [experimentId])).get(experimentId), undefined, "expired: read again");
    assert.equal(calls.grantedLevels, 3);
    await store.close();
  });

  it("keeps which experiment a run belongs to, but not that a run is unknown", async () => {
    const { store, calls, counted } = await countingStore();
    const experimentId = await store.createExperiment({ name: "e" });
    const run = JSON.parse(Buffer.from(await store.createRun({ experiment_id: experimentId, user_id: "", start_time: 1 })).toString()) as { info: { run_id: string } };
    const cache = new GrantCache(counted, () => 0);
    assert.equal(await cache.experimentOf("run", run.info.run_id), experimentId);
    assert.equal(await cache.experimentOf("run", run.info.run_id), experimentId);
    assert.equal(calls.experimentOf, 1);
    assert.equal(await cache.experimentOf("run", "unknown"), undefined);
    assert.equal(await cache.experimentOf("run", "unknown"), undefined);
    assert.equal(calls.experimentOf, 3);
    await store.close();
  });
});
