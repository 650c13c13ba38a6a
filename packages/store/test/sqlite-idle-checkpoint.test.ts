import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "@cairn/store";
import type { CairnStore } from "@cairn/core";

// SQLite only: PostgreSQL has no WAL a process folds by hand.
describe("SQLite idle checkpoints", () => {
  let dir = "";
  let store: CairnStore;
  const dbFile = () => join(dir, "cairn.db");
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-checkpoint-"));
    store = await openStore(`sqlite:///${dbFile()}`);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("folds the WAL into the database file once writes stop, not while they go on", async () => {
    // Let the checkpoint after the migrations happen first, so the file size below is settled.
    await sleep(1800);
    const settled = statSync(dbFile()).size;
    for (let i = 0; i < 400; i++) await store.createExperiment({ name: `e-${i}-${"x".repeat(200)}` });
    assert.equal(statSync(dbFile()).size, settled, "the new pages are still only in the WAL");
    assert.ok(statSync(`${dbFile()}-wal`).size > 100_000);
    await sleep(1800);
    assert.ok(statSync(dbFile()).size > settled + 100_000, `the database file grew from ${settled} bytes once idle: ${statSync(dbFile()).size}`);
    assert.equal((await store.searchExperiments({ max_results: 1000, view_type: "ACTIVE_ONLY" })).items.length, 401);
  });
});
