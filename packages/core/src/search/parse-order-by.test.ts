import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCairnError } from "../errors.js";
import type { OrderByClause } from "./filter-ast.js";
import type { SearchGrammar } from "./grammar.js";
import { EXPERIMENT_SEARCH, LOGGED_MODEL_SEARCH, RUN_SEARCH } from "./grammars.js";
import { parseOrderBy, parseOrderField } from "./parse-order-by.js";

function rejects(run: () => unknown, patterns: string[]): string {
  let message = "";
  assert.throws(run, (error: unknown) => {
    assert.ok(isCairnError(error), `expected a CairnError, got ${String(error)}`);
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    message = error.message;
    return true;
  });
  for (const pattern of patterns) assert.ok(message.includes(pattern), `message ${JSON.stringify(message)} lacks ${JSON.stringify(pattern)}`);
  return message;
}

function one(clause: string, grammar: SearchGrammar = RUN_SEARCH): OrderByClause | undefined {
  return parseOrderBy([clause], grammar)[0];
}

describe("parseOrderBy", () => {
  it("returns no clauses for undefined or an empty list", () => {
    assert.deepEqual(parseOrderBy(undefined, RUN_SEARCH), []);
    assert.deepEqual(parseOrderBy([], RUN_SEARCH), []);
  });

  it("parses MLflow's string form, ascending by default", () => {
    assert.deepEqual(parseOrderBy(["metrics.loss DESC", "attributes.start_time", "params.`a b` asc", "tags.\"my key\" Desc"], RUN_SEARCH), [
      { entity: "metric", key: "loss", ascending: false },
      { entity: "attribute", key: "start_time", ascending: true },
      { entity: "param", key: "a b", ascending: true },
      { entity: "tag", key: "my key", ascending: false },
    ]);
  });

  it("accepts every run attribute, bare or prefixed, and resolves aliases", () => {
    for (const key of ["start_time", "end_time", "status", "run_id", "run_name", "user_id", "artifact_uri"]) {
      assert.deepEqual(one(key), { entity: "attribute", key, ascending: true });
      assert.deepEqual(one(`attr.${key} DESC`), { entity: "attribute", key, ascending: false });
    }
    assert.deepEqual(one("attributes.`run name` DESC"), { entity: "attribute", key: "run_name", ascending: false });
    assert.deepEqual(one("runName"), { entity: "attribute", key: "run_name", ascending: true });
    assert.deepEqual(one("created desc"), { entity: "attribute", key: "start_time", ascending: false });
    assert.deepEqual(one("metric.m"), { entity: "metric", key: "m", ascending: true });
    assert.deepEqual(one("parameter.p"), { entity: "param", key: "p", ascending: true });
    assert.deepEqual(one("tags.mlflow.runName"), { entity: "tag", key: "mlflow.runName", ascending: true });
    assert.deepEqual(one("  metrics.loss   DESC  "), { entity: "metric", key: "loss", ascending: false });
  });

  it("uses the experiments grammar", () => {
    assert.deepEqual(parseOrderBy(["name", "experiment_id DESC", "creation_time", "attributes.last_update_time ASC"], EXPERIMENT_SEARCH), [
      { entity: "attribute", key: "name", ascending: true },
      { entity: "attribute", key: "experiment_id", ascending: false },
      { entity: "attribute", key: "creation_time", ascending: true },
      { entity: "attribute", key: "last_update_time", ascending: true },
    ]);
  });

  it("rejects a direction that is not ASC or DESC", () => {
    assert.equal(
      rejects(() => one("metrics.loss SIDEWAYS"), ["Invalid order_by clause 'metrics.loss SIDEWAYS'"]),
      "Invalid order_by clause 'metrics.loss SIDEWAYS': expected ASC or DESC after 'metrics.loss', got 'SIDEWAYS' at position 13.",
    );
    rejects(() => one("metrics.loss `DESC`"), ["got '`DESC`' at position 13"]);
  });

  it("rejects keys the grammar cannot order by", () => {
    rejects(() => one("lifecycle_stage"), ["Invalid order_by clause 'lifecycle_stage': runs cannot be ordered by attribute 'lifecycle_stage' at position 0", "start_time"]);
    rejects(() => one("datasets.name DESC"), ["runs cannot be ordered by dataset 'name' at position 0"]);
    rejects(() => one("tags.team", EXPERIMENT_SEARCH), ["experiments cannot be ordered by tags at position 0", "name, experiment_id, creation_time, last_update_time"]);
    rejects(() => one("params.p", LOGGED_MODEL_SEARCH), ["logged models cannot be ordered by params at position 0"]);
  });

  it("rejects unknown entities and keys", () => {
    rejects(() => one("foo.bar"), ["Invalid order_by clause 'foo.bar': invalid entity type 'foo' at position 0", "metric, parameter, tag, attribute, dataset"]);
    rejects(() => one("metrics.x", EXPERIMENT_SEARCH), ["invalid entity type 'metrics' at position 0. Valid values are tag, attribute."]);
    rejects(() => one("colour DESC"), ["invalid attribute key 'colour' at position 0"]);
  });

  it("rejects malformed clauses", () => {
    rejects(() => one(""), ["Invalid order_by clause '': a field is missing at position 0"]);
    rejects(() => one("   "), ["a field is missing at position 3"]);
    rejects(() => one("metrics.a DESC, params.b"), ["unexpected ',' after the direction at position 14", "its own order_by entry"]);
    rejects(() => one("metrics.a, params.b"), ["expected ASC or DESC after 'metrics.a', got ',' at position 9", "its own order_by entry"]);
    rejects(() => one("metrics.a desc x"), ["unexpected 'x' after the direction at position 15"]);
    rejects(() => one("metrics. DESC"), ["expected a key after 'metrics.' at position 8"]);
    rejects(() => one("'metrics.a'"), ["expected a field, got 'metrics.a' at position 0"]);
    rejects(() => one("metrics.`a DESC"), ["unterminated quoted name starting at position 8"]);
    rejects(() => one("metrics.a > 1"), ["expected ASC or DESC after 'metrics.a', got '>' at position 10"]);
    rejects(() => parseOrderBy([42 as unknown as string], RUN_SEARCH), ["expected a string"]);
  });
});

describe("parseOrderField", () => {
  it("parses logged-models' structured form", () => {
    assert.deepEqual(parseOrderField("metrics.acc", false, LOGGED_MODEL_SEARCH), { entity: "metric", key: "acc", ascending: false });
    assert.deepEqual(parseOrderField("creation_timestamp", true, LOGGED_MODEL_SEARCH), { entity: "attribute", key: "creation_timestamp", ascending: true });
    assert.deepEqual(parseOrderField("creation_time", true, LOGGED_MODEL_SEARCH), { entity: "attribute", key: "creation_timestamp", ascending: true });
    assert.deepEqual(parseOrderField("last_updated_time", false, LOGGED_MODEL_SEARCH), { entity: "attribute", key: "last_updated_timestamp", ascending: false });
    assert.deepEqual(parseOrderField("metrics.`val loss`", true, LOGGED_MODEL_SEARCH), { entity: "metric", key: "val loss", ascending: true });
    for (const key of ["name", "model_id", "model_type", "status", "source_run_id", "last_updated_timestamp"]) {
      assert.deepEqual(parseOrderField(key, true, LOGGED_MODEL_SEARCH), { entity: "attribute", key, ascending: true });
    }
  });

  it("rejects a direction inside the field name and unknown fields", () => {
    rejects(() => parseOrderField("metrics.acc DESC", true, LOGGED_MODEL_SEARCH), ["Invalid order_by field 'metrics.acc DESC': unexpected 'DESC' after 'metrics.acc' at position 12"]);
    rejects(() => parseOrderField("tags.t", true, LOGGED_MODEL_SEARCH), ["logged models cannot be ordered by tags at position 0", "metrics.<key>"]);
    rejects(() => parseOrderField("size", true, LOGGED_MODEL_SEARCH), ["invalid attribute key 'size' at position 0"]);
    rejects(() => parseOrderField("", true, LOGGED_MODEL_SEARCH), ["a field is missing at position 0"]);
    rejects(() => parseOrderField(undefined as unknown as string, true, LOGGED_MODEL_SEARCH), ["expected a string"]);
  });
});
