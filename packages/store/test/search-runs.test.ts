import { before, it } from "node:test";
import assert from "node:assert/strict";
import { parseJsonText, type RunsPage, type SearchRunsInput, type TrackingStore } from "@cairn/core";
import { describeEachDialect } from "./dialects.js";
import { expectCode } from "./expect-code.js";

const runsOf = (page: RunsPage) => (page.runs ? parseJsonText(page.runs) : []);

describeEachDialect("search runs", (dialect) => {
  let store: TrackingStore;
  let exp = "";
  const names = async (input: Partial<SearchRunsInput>) =>
    runsOf(await store.searchRuns({ experiment_ids: [exp], run_view_type: "ACTIVE_ONLY", max_results: 100, ...input })).map((run) => run.info.run_name);

  before(async () => {
    store = await dialect.open();
    exp = await store.createExperiment({ name: "search" });
    // a: loss 0.2 lr 0.01 | b: loss 0.6 lr 0.1 | c: loss NaN lr 0.01 | d: no loss, no lr | e: deleted
    const runs: [string, number, number | undefined, string | undefined, string][] = [
      ["a", 100, 0.2, "0.01", "FINISHED"],
      ["b", 200, 0.6, "0.1", "FAILED"],
      ["c", 300, Number.NaN, "0.01", "FINISHED"],
      ["d", 400, undefined, undefined, "RUNNING"],
      ["e", 500, 0.1, "0.01", "FINISHED"],
    ];
    for (const [name, start, loss, lr, status] of runs) {
      const id = parseJsonText(await store.createRun({ experiment_id: exp, user_id: name === "a" ? "ana" : "bo", run_name: name, start_time: start })).info.run_id;
      await store.logBatch(id, {
        metrics: loss === undefined ? [] : [{ key: "loss", value: loss, timestamp: start, step: 0 }],
        params: lr === undefined ? [] : [{ key: "lr", value: lr }],
        tags: [{ key: "team", value: name === "b" ? "Vision" : "nlp" }],
      });
      await store.updateRun({ run_id: id, status: status as "FINISHED" });
      if (name === "e") await store.deleteRun(id);
      if (name === "a") {
        await store.logInputs(id, [{ dataset: { name: "wine", digest: "d1", source_type: "local", source: "{}" }, tags: [{ key: "mlflow.data.context", value: "training" }] }], []);
      }
    }
  });

  it("orders by start_time DESC by default and honours view types", async () => {
    assert.deepEqual(await names({}), ["d", "c", "b", "a"]);
    assert.deepEqual(await names({ run_view_type: "DELETED_ONLY" }), ["e"]);
    assert.deepEqual(await names({ run_view_type: "ALL" }), ["e", "d", "c", "b", "a"]);
  });

  it("filters on latest metrics, params, tags and attributes; a missing key excludes the run", async () => {
    assert.deepEqual(await names({ filter: "metrics.loss < 0.5" }), ["a"]);
    assert.deepEqual(await names({ filter: "metrics.loss >= 0.2 and params.lr = '0.01'" }), ["a"]);
    assert.deepEqual(await names({ filter: "metrics.loss != 0.2" }), ["c", "b"]);
    assert.deepEqual(await names({ filter: "params.lr != '0.1'" }), ["c", "a"]);
    assert.deepEqual(await names({ filter: "tags.team LIKE 'V%'" }), ["b"]);
    assert.deepEqual(await names({ filter: "tags.team LIKE 'v%'" }), []);
    assert.deepEqual(await names({ filter: "tags.team ILIKE 'v%'" }), ["b"]);
    assert.deepEqual(await names({ filter: "attributes.status = 'FINISHED'" }), ["c", "a"]);
    assert.deepEqual(await names({ filter: "attributes.status IN ('FAILED', 'RUNNING')" }), ["d", "b"]);
    assert.deepEqual(await names({ filter: "attributes.status NOT IN ('FAILED', 'RUNNING')" }), ["c", "a"]);
    assert.deepEqual(await names({ filter: "run_name = 'b'" }), ["b"]);
    assert.deepEqual(await names({ filter: "attributes.`run name` LIKE '%c%'" }), ["c"]);
    assert.deepEqual(await names({ filter: "start_time > 150 and start_time <= 300" }), ["c", "b"]);
    assert.deepEqual(await names({ filter: "user_id = 'ana'" }), ["a"]);
    assert.deepEqual(await names({ filter: "dataset.name = 'wine' and dataset.context = 'training'" }), ["a"]);
    assert.deepEqual(await names({ filter: "dataset.digest IN ('zz')" }), []);
  });

  it("accepts OR and parentheses beyond MLflow's grammar", async () => {
    assert.deepEqual(await names({ filter: "params.lr = '0.1' OR run_name = 'd'" }), ["d", "b"]);
    assert.deepEqual(await names({ filter: "(run_name = 'a' or run_name = 'b') and metrics.loss > 0.5" }), ["b"]);
  });

  it("orders by metrics, params and attributes with missing values last", async () => {
    // d has no loss and c's is NaN: both sort last, then by the start_time DESC tiebreak.
    assert.deepEqual(await names({ order_by: ["metrics.loss ASC"] }), ["a", "b", "d", "c"]);
    assert.deepEqual(await names({ order_by: ["metrics.loss DESC"] }), ["b", "a", "d", "c"]);
    assert.deepEqual(await names({ order_by: ["params.lr DESC", "run_name"] }), ["b", "a", "c", "d"]);
    assert.deepEqual(await names({ order_by: ["attributes.start_time ASC"] }), ["a", "b", "c", "d"]);
    assert.deepEqual(await names({ order_by: ["status"] }), ["b", "c", "a", "d"]);
  });

  it("pages with offset tokens", async () => {
    const first = await store.searchRuns({ experiment_ids: [exp], run_view_type: "ALL", max_results: 2 });
    assert.equal(runsOf(first).length, 2);
    const second = await store.searchRuns({ experiment_ids: [exp], run_view_type: "ALL", max_results: 2, page_token: first.next_page_token });
    const third = await store.searchRuns({ experiment_ids: [exp], run_view_type: "ALL", max_results: 2, page_token: second.next_page_token });
    assert.equal(third.next_page_token, undefined);
    assert.deepEqual([first, second, third].flatMap(runsOf).map((run) => run.info.run_name), ["e", "d", "c", "b", "a"]);
  });

  it("returns nothing for unknown experiments and rejects bad filters with their position", async () => {
    assert.deepEqual(await names({ experiment_ids: ["987654"] }), []);
    await expectCode(names({ filter: "foo.bar = 'x'" }), "INVALID_PARAMETER_VALUE", /foo/);
    await expectCode(names({ filter: "params.lr > '0.01'" }), "INVALID_PARAMETER_VALUE", />/);
    await expectCode(names({ filter: "metrics.loss < 'abc'" }), "INVALID_PARAMETER_VALUE", /position/);
    await expectCode(names({ order_by: ["metrics.loss SIDEWAYS"] }), "INVALID_PARAMETER_VALUE", /SIDEWAYS/);
  });

  it("never places user text inside SQL", async () => {
    const hostile = "x'; drop table runs; --";
    assert.deepEqual(await names({ filter: `params.lr = "${hostile}"` }), []);
    assert.deepEqual(await names({ filter: "tags.`a'b` = 'c'" }), []);
    assert.equal((await names({})).length, 4);
  });
});
