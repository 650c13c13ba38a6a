import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCairnError } from "../errors.js";
import type { Comparator, ComparisonNode, FilterEntity } from "./filter-ast.js";
import type { SearchGrammar } from "./grammar.js";
import { MODEL_VERSION_SEARCH, REGISTERED_MODEL_SEARCH } from "./grammars.js";
import { parseFilter } from "./parse-filter.js";
import { parseOrderBy } from "./parse-order-by.js";

function cmp(entity: FilterEntity, key: string, comparator: Comparator, value: ComparisonNode["value"], position: number): ComparisonNode {
  return { kind: "comparison", entity, key, comparator, value, position };
}

function rejects(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isCairnError(error), `expected a CairnError, got ${String(error)}`);
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, pattern);
    return true;
  });
}

const models = (text: string) => parseFilter(text, REGISTERED_MODEL_SEARCH);
const versions = (text: string) => parseFilter(text, MODEL_VERSION_SEARCH);

describe("REGISTERED_MODEL_SEARCH", () => {
  it("parses the golden filter and the MLflow 3 client's prompt clause", () => {
    assert.deepEqual(models("name LIKE 'golden%'"), cmp("attribute", "name", "LIKE", "golden%", 0));
    assert.deepEqual(models("name = 'a' AND tag.`mlflow.prompt.is_prompt` != 'true'"), {
      kind: "and",
      children: [cmp("attribute", "name", "=", "a", 0), cmp("tag", "mlflow.prompt.is_prompt", "!=", "true", 15)],
    });
  });

  it("accepts = != LIKE ILIKE on name and tags, and numeric timestamps", () => {
    for (const comparator of ["=", "!=", "LIKE", "ILIKE"] as const) {
      assert.deepEqual(models(`name ${comparator} 'x'`), cmp("attribute", "name", comparator, "x", 0));
      assert.deepEqual(models(`tags.team ${comparator} 'x'`), cmp("tag", "team", comparator, "x", 0));
    }
    assert.deepEqual(models("creation_timestamp > 5"), cmp("attribute", "creation_timestamp", ">", 5, 0));
    assert.deepEqual(models("timestamp <= 5"), cmp("attribute", "last_updated_timestamp", "<=", 5, 0));
  });

  it("rejects other entities, keys and comparators with a message naming them", () => {
    rejects(() => models("metrics.acc > 1"), /Invalid entity type 'metrics'.*tag, attribute/);
    rejects(() => models("run_id = 'x'"), /Invalid attribute key 'run_id'.*name, creation_timestamp, last_updated_timestamp/);
    rejects(() => models("name > 'x'"), /Invalid comparator '>'.*=, !=, LIKE, ILIKE/);
    rejects(() => models("name IN ('a')"), /Invalid comparator 'IN'/);
    rejects(() => models("creation_timestamp = 'x'"), /Expected a number/);
  });

  it("orders by name and timestamps; timestamp means last_updated_timestamp as in MLflow", () => {
    assert.deepEqual(parseOrderBy(["name DESC", "creation_timestamp", "timestamp desc"], REGISTERED_MODEL_SEARCH), [
      { entity: "attribute", key: "name", ascending: false },
      { entity: "attribute", key: "creation_timestamp", ascending: true },
      { entity: "attribute", key: "last_updated_timestamp", ascending: false },
    ]);
    rejects(() => parseOrderBy(["tags.team"], REGISTERED_MODEL_SEARCH), /cannot be ordered by tags/);
    rejects(() => parseOrderBy(["version_number"], REGISTERED_MODEL_SEARCH), /invalid attribute key 'version_number'/);
  });
});

describe("MODEL_VERSION_SEARCH", () => {
  it("parses name, run_id, source_path, version_number and tags", () => {
    assert.deepEqual(versions("name = 'golden-model'"), cmp("attribute", "name", "=", "golden-model", 0));
    assert.deepEqual(versions("run_id IN ('a', 'b')"), cmp("attribute", "run_id", "IN", ["a", "b"], 0));
    assert.deepEqual(versions("source_path LIKE 'runs:/%'"), cmp("attribute", "source_path", "LIKE", "runs:/%", 0));
    assert.deepEqual(versions("version_number >= 2"), cmp("attribute", "version_number", ">=", 2, 0));
    assert.deepEqual(versions("tags.stage ILIKE 'p%'"), cmp("tag", "stage", "ILIKE", "p%", 0));
    assert.deepEqual(versions("name NOT IN ('a')"), cmp("attribute", "name", "NOT IN", ["a"], 0));
  });

  it("rejects strings for version_number, numbers for names and unknown attributes", () => {
    rejects(() => versions("version_number = '2'"), /Expected a number.*Write numbers without quotes/);
    rejects(() => versions("name = 3"), /Expected a quoted string/);
    rejects(() => versions("stage = 'x'"), /Invalid attribute key 'stage'/);
    rejects(() => versions("tags.k IN ('x')"), /Invalid comparator 'IN' for tags/);
    rejects(() => versions("params.k = 'x'"), /Invalid entity type 'params'/);
  });

  it("orders by name, version_number and timestamps only", () => {
    const grammar: SearchGrammar = MODEL_VERSION_SEARCH;
    assert.deepEqual(parseOrderBy(["version_number DESC", "last_updated_timestamp", "creation_timestamp ASC", "name"], grammar), [
      { entity: "attribute", key: "version_number", ascending: false },
      { entity: "attribute", key: "last_updated_timestamp", ascending: true },
      { entity: "attribute", key: "creation_timestamp", ascending: true },
      { entity: "attribute", key: "name", ascending: true },
    ]);
    rejects(() => parseOrderBy(["run_id"], grammar), /cannot be ordered by attribute 'run_id'/);
    rejects(() => parseOrderBy(["version_number SIDEWAYS"], grammar), /SIDEWAYS/);
  });
});
