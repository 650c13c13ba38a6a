import { it } from "node:test";
import assert from "node:assert/strict";
import type { CairnStore, MonitorLabelRecord, MonitorWindowMerger, StoredMonitorEvent } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";
import { LIST_MERGER, WINDOW_MS, createMonitor, listDeltas, listed, monitorConfig, storedEvent } from "./monitors-fixtures.js";

/** One event of a test batch: with an id it is stored, without one it is only profiled. */
interface Item {
  id?: string;
  t: number;
}

/** Ingests items, building list deltas of the fresh ones; returns the result and the indices build got. */
async function ingest(store: CairnStore, monitorId: string, items: readonly Item[], merger: MonitorWindowMerger = LIST_MERGER) {
  let seen: number[] = [];
  const result = await store.ingestMonitorEvents(
    monitorId,
    items.map((x) => (x.id === undefined ? undefined : storedEvent(x.id, x.t))),
    (fresh) => {
      seen = [...fresh];
      return listDeltas(fresh.map((i) => ({ name: items[i]!.id ?? `anon${i}`, t: items[i]!.t })));
    },
    merger,
  );
  return { ...result, fresh_indices: seen };
}

/** Every stored window as [start, events, names in profile, names in sample]. */
async function windows(store: CairnStore, monitorId: string) {
  const stored = await store.listMonitorWindows(monitorId, { start_ms: 0, end_ms: 1e13, with_sample: true });
  return stored.map((w) => [w.window_start_ms, w.events, listed(w.profile), listed(w.sample!)]);
}

describeEachDialect("monitors: event ingest", (dialect) => {
  it("stores events with ids once, profiles the fresh ones and merges them into their windows", async () => {
    let now = 500;
    const store = await dialect.open({ clock: () => now });
    const m = await createMonitor(store, "m");
    const first = await ingest(store, m.monitor_id, [{ id: "a", t: 1000 }, { t: 2000 }, { id: "b", t: WINDOW_MS + 5 }, { id: "a", t: 3000 }]);
    // The repeated "a" is a duplicate of the first copy; the event without an id is always fresh.
    assert.deepEqual(first, { fresh: 3, duplicates: 1, fresh_indices: [0, 1, 2] });
    assert.deepEqual(await windows(store, m.monitor_id), [
      [0, 2, ["a", "anon1"], ["a", "anon1"]],
      [WINDOW_MS, 1, ["b"], ["b"]],
    ]);

    now = 900;
    const second = await ingest(store, m.monitor_id, [{ id: "b", t: WINDOW_MS + 5 }, { id: "c", t: 10 }, { t: 20 }, { id: "a", t: 1000 }, { id: "d", t: 3 * WINDOW_MS }]);
    assert.deepEqual(second, { fresh: 3, duplicates: 2, fresh_indices: [1, 2, 4] });
    assert.deepEqual(await windows(store, m.monitor_id), [
      [0, 4, ["a", "anon1", "c", "anon2"], ["a", "anon1", "c", "anon2"]],
      [WINDOW_MS, 1, ["b"], ["b"]],
      [3 * WINDOW_MS, 1, ["d"], ["d"]],
    ]);
    const listedWindows = await store.listMonitorWindows(m.monitor_id, { start_ms: 0, end_ms: 3 * WINDOW_MS, with_sample: false });
    assert.deepEqual(listedWindows.map((w) => [w.window_start_ms, w.updated_at, "sample" in w]), [[0, 900, false], [WINDOW_MS, 500, false]]);
    assert.deepEqual(await store.listMonitorWindows(m.monitor_id, { start_ms: WINDOW_MS + 1, end_ms: 3 * WINDOW_MS + 1, with_sample: false }).then((w) => w.map((x) => x.window_start_ms)), [3 * WINDOW_MS]);

    // Every field of a stored event comes back; asked-for ids come back in the order asked, once.
    const full = storedEvent("e", 7, { variant: "2", prediction_json: "[1]", score: 0.25, label_json: '"yes"', label_timestamp_ms: 8, features_json: '{"age":null,"q":"\\"NULL\\", {x}"}' });
    await store.ingestMonitorEvents(m.monitor_id, [full], () => [], LIST_MERGER);
    assert.deepEqual(await store.getMonitorEvents(m.monitor_id, ["e", "nope", "a", "e"]), [full, storedEvent("a", 1000)]);
    await expectCode(store.listMonitorWindows(m.monitor_id, { start_ms: Number.NaN, end_ms: 5, with_sample: false }), "INVALID_PARAMETER_VALUE", /whole milliseconds/);
    await expectCode(store.listMonitorWindows("missing", { start_ms: 0, end_ms: 5, with_sample: false }), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(store.getMonitorEvents("missing", ["a"]), "RESOURCE_DOES_NOT_EXIST", /Monitor with id 'missing' does not exist/);
    await expectCode(ingest(store, "missing", [{ id: "z", t: 1 }]), "RESOURCE_DOES_NOT_EXIST", /cairn monitor list/);
  });

  it("writes nothing when build or the merger throws", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    await ingest(store, m.monitor_id, [{ id: "a", t: 1000 }]);
    const boom = () => {
      throw new Error("encoding failed");
    };
    await assert.rejects(store.ingestMonitorEvents(m.monitor_id, [storedEvent("b", 2000)], boom, LIST_MERGER), /encoding failed/);
    // The merger runs only against an existing window, after the new events were inserted.
    const failing: MonitorWindowMerger = { profile: boom, sample: LIST_MERGER.sample };
    await assert.rejects(ingest(store, m.monitor_id, [{ id: "c", t: 3000 }, { id: "d", t: 5 * WINDOW_MS }], failing), /encoding failed/);
    assert.deepEqual(await store.getMonitorEvents(m.monitor_id, ["a", "b", "c", "d"]), [storedEvent("a", 1000)]);
    assert.deepEqual(await windows(store, m.monitor_id), [[0, 1, ["a"], ["a"]]]);
    // The events are fresh again afterwards.
    assert.deepEqual(await ingest(store, m.monitor_id, [{ id: "b", t: 2000 }, { id: "d", t: 5 * WINDOW_MS }]), { fresh: 2, duplicates: 0, fresh_indices: [0, 1] });
  });

  it("merges concurrent ingests into the same new window without losing either", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    for (let round = 0; round < 5; round++) {
      const t = round * WINDOW_MS;
      const results = await Promise.all(["a", "b", "c"].map((p) => ingest(store, m.monitor_id, [{ id: `${p}${round}`, t }, { t: t + 1 }])));
      assert.deepEqual(results.map((r) => r.fresh), [2, 2, 2]);
    }
    const stored = await windows(store, m.monitor_id);
    assert.deepEqual(stored.map((w) => [w[0], w[1], (w[2] as string[]).filter((x) => !x.startsWith("anon")).sort()]), [0, 1, 2, 3, 4].map((r) => [r * WINDOW_MS, 6, [`a${r}`, `b${r}`, `c${r}`]]));
  });

  it("ingests 10,000 events with ids in one call, and a resent batch adds nothing", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `req-${i}-${"x".repeat(20)}`, t: 1_700_000_000_000 + i * 100 }));
    const result = await ingest(store, m.monitor_id, items);
    assert.deepEqual([result.fresh, result.duplicates, result.fresh_indices.length], [10_000, 0, 10_000]);
    const again = await ingest(store, m.monitor_id, items);
    assert.deepEqual([again.fresh, again.duplicates], [0, 10_000]);
    const stored = await windows(store, m.monitor_id);
    // 100 ms apart: 600 events per one-minute window (the first window starts mid-way).
    assert.equal(stored.reduce((s, w) => s + (w[1] as number), 0), 10_000);
    assert.deepEqual(stored.flatMap((w) => w[2] as string[]), items.map((x) => x.id));
    const some = await store.getMonitorEvents(m.monitor_id, [items[9_999]!.id, items[0]!.id]);
    assert.deepEqual(some, [storedEvent(items[9_999]!.id, items[9_999]!.t), storedEvent(items[0]!.id, items[0]!.t)]);
  });
});

describeEachDialect("monitors: labels and retention", (dialect) => {
  it("attaches late labels once, reports unknown and already-labeled ids, and merges the label deltas", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    await ingest(store, m.monitor_id, [{ id: "a", t: 1000 }, { id: "b", t: 2000 }, { id: "c", t: WINDOW_MS + 1 }]);
    let built: StoredMonitorEvent[] = [];
    const attach = (labels: MonitorLabelRecord[]) =>
      store.attachMonitorLabels(
        m.monitor_id,
        labels,
        (labeled) => {
          built = [...labeled];
          return listDeltas(labeled.map((e) => ({ name: `L${e.request_id}`, t: e.timestamp_ms }))).map((d) => ({ ...d, events: 0 }));
        },
        LIST_MERGER,
      );
    const result = await attach([
      { request_id: "c", label_json: "1", timestamp_ms: 50 },
      { request_id: "zz", label_json: "0", timestamp_ms: 51 },
      { request_id: "a", label_json: '"yes"', timestamp_ms: 52 },
      { request_id: "c", label_json: "0", timestamp_ms: 53 },
    ]);
    assert.deepEqual(result, { updated: 2, unknown_request_ids: ["zz"], already_labeled: ["c"] });
    assert.deepEqual(built, [storedEvent("c", WINDOW_MS + 1, { label_json: "1", label_timestamp_ms: 50 }), storedEvent("a", 1000, { label_json: '"yes"', label_timestamp_ms: 52 })]);
    assert.deepEqual(await windows(store, m.monitor_id), [
      [0, 2, ["a", "b", "La"], ["a", "b", "La"]],
      [WINDOW_MS, 1, ["c", "Lc"], ["c", "Lc"]],
    ]);

    // The first label stays; build is not called when nothing was newly labeled.
    built = [];
    assert.deepEqual(await attach([{ request_id: "a", label_json: '"no"', timestamp_ms: 60 }, { request_id: "zz", label_json: "1", timestamp_ms: 60 }]), {
      updated: 0,
      unknown_request_ids: ["zz"],
      already_labeled: ["a"],
    });
    assert.deepEqual(built, []);
    assert.deepEqual((await store.getMonitorEvents(m.monitor_id, ["a"]))[0], storedEvent("a", 1000, { label_json: '"yes"', label_timestamp_ms: 52 }));

    // A failing build leaves the label unset.
    await assert.rejects(
      store.attachMonitorLabels(m.monitor_id, [{ request_id: "b", label_json: "1", timestamp_ms: 70 }], () => {
        throw new Error("no calibrator");
      }, LIST_MERGER),
      /no calibrator/,
    );
    assert.deepEqual((await store.getMonitorEvents(m.monitor_id, ["b"]))[0], storedEvent("b", 2000));
    await expectCode(attach([]).then(() => store.attachMonitorLabels("missing", [], () => [], LIST_MERGER)), "RESOURCE_DOES_NOT_EXIST");
    await expectCode(attach([{ request_id: "b", label_json: undefined as never, timestamp_ms: 1 }]), "INVALID_PARAMETER_VALUE", /labels\[0\]\.label/);
    await expectCode(attach([{ request_id: "b", label_json: "1", timestamp_ms: 1.5 }]), "INVALID_PARAMETER_VALUE", /labels\[0\]\.timestamp_ms/);
    await expectCode(attach([{ request_id: "", label_json: "1", timestamp_ms: 1 }]), "INVALID_PARAMETER_VALUE", /labels\[0\]\.request_id/);
    assert.deepEqual((await store.getMonitorEvents(m.monitor_id, ["b"]))[0], storedEvent("b", 2000));
  });

  it("labels 10,000 events in one call", async () => {
    const store = await dialect.open();
    const m = await createMonitor(store, "m");
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}`, t: i * 10 }));
    await ingest(store, m.monitor_id, items);
    const labels = items.map((x, i) => ({ request_id: x.id, label_json: String(i % 2), timestamp_ms: 1 }));
    let count = 0;
    const result = await store.attachMonitorLabels(m.monitor_id, labels, (labeled) => {
      count = labeled.length;
      return [];
    }, LIST_MERGER);
    assert.deepEqual([result.updated, result.unknown_request_ids, result.already_labeled, count], [10_000, [], [], 10_000]);
    assert.equal((await store.getMonitorEvents(m.monitor_id, ["r9999"]))[0]?.label_json, "1");
  });

  it("prunes raw events past each monitor's retention and keeps the windows", async () => {
    const store = await dialect.open();
    const day = 86_400_000;
    const now = 100 * day;
    const week = await createMonitor(store, "week");
    const half = await createMonitor(store, "half-day", { config: monitorConfig({ raw_retention_days: 0.5 }) });
    await ingest(store, week.monitor_id, [{ id: "old", t: now - 7 * day - 1 }, { id: "edge", t: now - 7 * day }, { id: "new", t: now - day }]);
    await ingest(store, half.monitor_id, [{ id: "old", t: now - day / 2 - 1 }, { id: "new", t: now - day / 2 }]);
    assert.equal(await store.pruneMonitorEvents(now), 2);
    assert.deepEqual((await store.getMonitorEvents(week.monitor_id, ["old", "edge", "new"])).map((e) => e.request_id), ["edge", "new"]);
    assert.deepEqual((await store.getMonitorEvents(half.monitor_id, ["old", "new"])).map((e) => e.request_id), ["new"]);
    assert.equal((await windows(store, week.monitor_id)).length, 3);
    assert.equal(await store.pruneMonitorEvents(now), 0);
    await expectCode(store.pruneMonitorEvents(Number.NaN), "INVALID_PARAMETER_VALUE", /whole number/);
  });
});
