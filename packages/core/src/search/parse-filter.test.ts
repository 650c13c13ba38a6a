import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Comparator, ComparisonNode, FilterEntity, FilterNode } from "./filter-ast.js";
import { EXPERIMENT_SEARCH, LOGGED_MODEL_SEARCH, RUN_SEARCH } from "./grammars.js";
import { parseFilter } from "./parse-filter.js";

function cmp(entity: FilterEntity, key: string, comparator: Comparator, value: ComparisonNode["value"], position: number): ComparisonNode {
  return { kind: "comparison", entity, key, comparator, value, position };
}

function runs(text: string): FilterNode | undefined {
  return parseFilter(text, RUN_SEARCH);
}

describe("parseFilter: empty input", () => {
  it("returns undefined for undefined, empty and whitespace-only filters", () => {
    assert.equal(runs(undefined as unknown as string), undefined);
    assert.equal(parseFilter(undefined, RUN_SEARCH), undefined);
    assert.equal(runs(""), undefined);
    assert.equal(runs("  \t\n "), undefined);
  });
});

describe("parseFilter: MLflow's examples", () => {
  it("parses the golden runs/search filter with positions", () => {
    assert.deepEqual(runs("metrics.loss < 0.5 and params.lr = '0.01'"), {
      kind: "and",
      children: [cmp("metric", "loss", "<", 0.5, 0), cmp("param", "lr", "=", "0.01", 23)],
    });
  });

  it("parses the golden experiments and logged-models filters", () => {
    assert.deepEqual(parseFilter("name LIKE 'gold%'", EXPERIMENT_SEARCH), cmp("attribute", "name", "LIKE", "gold%", 0));
    assert.deepEqual(parseFilter("name = 'clf'", LOGGED_MODEL_SEARCH), cmp("attribute", "name", "=", "clf", 0));
  });
});

describe("parseFilter: prefixes and aliases", () => {
  const cases: [string, FilterEntity][] = [
    ["metric", "metric"], ["metrics", "metric"],
    ["parameter", "param"], ["parameters", "param"], ["param", "param"], ["params", "param"],
    ["tag", "tag"], ["tags", "tag"],
  ];
  for (const [prefix, entity] of cases) {
    it(`maps ${prefix}.k to ${entity}`, () => {
      const value = entity === "metric" ? "1" : "'1'";
      const parsed = runs(`${prefix}.k = ${value}`);
      assert.deepEqual(parsed, cmp(entity, "k", "=", entity === "metric" ? 1 : "1", 0));
    });
  }

  for (const prefix of ["attribute", "attributes", "attr", "run", "ATTRIBUTES"]) {
    it(`maps ${prefix}.status to the status attribute`, () => {
      assert.deepEqual(runs(`${prefix}.status = 'FINISHED'`), cmp("attribute", "status", "=", "FINISHED", 0));
    });
  }

  for (const prefix of ["dataset", "datasets"]) {
    it(`maps ${prefix}.name|digest|context to dataset keys`, () => {
      assert.deepEqual(runs(`${prefix}.name = 'wine' and ${prefix}.digest IN ('abc') and ${prefix}.context ILIKE 'train%'`), {
        kind: "and",
        children: [
          cmp("dataset", "name", "=", "wine", 0),
          cmp("dataset", "digest", "IN", ["abc"], prefix.length + 19),
          cmp("dataset", "context", "ILIKE", "train%", prefix.length * 2 + 42),
        ],
      });
    });
  }

  it("treats a missing prefix as an attribute and resolves run aliases", () => {
    assert.deepEqual(runs("attributes.`run name` = 'r1'"), cmp("attribute", "run_name", "=", "r1", 0));
    assert.deepEqual(runs("runName != 'r1'"), cmp("attribute", "run_name", "!=", "r1", 0));
    assert.deepEqual(runs('"run name" LIKE \'r%\''), cmp("attribute", "run_name", "LIKE", "r%", 0));
    assert.deepEqual(runs("created >= 1700000000000"), cmp("attribute", "start_time", ">=", 1700000000000, 0));
    assert.deepEqual(runs("end_time < 5"), cmp("attribute", "end_time", "<", 5, 0));
    for (const key of ["run_id", "user_id", "artifact_uri", "lifecycle_stage"]) {
      assert.deepEqual(runs(`${key} = 'x'`), cmp("attribute", key, "=", "x", 0));
    }
  });

  it("resolves logged-model aliases and experiment attributes", () => {
    assert.deepEqual(parseFilter("creation_time > 1", LOGGED_MODEL_SEARCH), cmp("attribute", "creation_timestamp", ">", 1, 0));
    assert.deepEqual(parseFilter("last_updated_time <= 2", LOGGED_MODEL_SEARCH), cmp("attribute", "last_updated_timestamp", "<=", 2, 0));
    assert.deepEqual(parseFilter("metrics.acc > 0.9 and params.k = 'v' and tags.t != 'x'", LOGGED_MODEL_SEARCH), {
      kind: "and",
      children: [cmp("metric", "acc", ">", 0.9, 0), cmp("param", "k", "=", "v", 22), cmp("tag", "t", "!=", "x", 41)],
    });
    for (const key of ["model_id", "model_type", "status", "source_run_id"]) {
      assert.deepEqual(parseFilter(`${key} IN ('a')`, LOGGED_MODEL_SEARCH), cmp("attribute", key, "IN", ["a"], 0));
    }
    assert.deepEqual(parseFilter("experiment_id NOT IN ('1', '2')", EXPERIMENT_SEARCH), cmp("attribute", "experiment_id", "NOT IN", ["1", "2"], 0));
    assert.deepEqual(parseFilter("creation_time > 1 and last_update_time < 2", EXPERIMENT_SEARCH), {
      kind: "and",
      children: [cmp("attribute", "creation_time", ">", 1, 0), cmp("attribute", "last_update_time", "<", 2, 22)],
    });
    assert.deepEqual(parseFilter("tags.team ILIKE 'ML'", EXPERIMENT_SEARCH), cmp("tag", "team", "ILIKE", "ML", 0));
  });
});

describe("parseFilter: quoting", () => {
  it("unquotes backtick and double-quoted key parts and keeps dots in keys", () => {
    assert.deepEqual(runs('tags."my key" = \'x\''), cmp("tag", "my key", "=", "x", 0));
    assert.deepEqual(runs("params.`a-b` = 'x'"), cmp("param", "a-b", "=", "x", 0));
    assert.deepEqual(runs("metrics.`x y` > 1"), cmp("metric", "x y", ">", 1, 0));
    assert.deepEqual(runs("tags.mlflow.runName = 'r'"), cmp("tag", "mlflow.runName", "=", "r", 0));
    assert.deepEqual(runs("tags.`mlflow.runName` = 'r'"), cmp("tag", "mlflow.runName", "=", "r", 0));
    assert.deepEqual(runs("`tags`.`a``b` = 'r'"), cmp("tag", "a`b", "=", "r", 0));
    assert.deepEqual(runs("metrics.précision > 0"), cmp("metric", "précision", ">", 0, 0));
  });

  it("reads single- and double-quoted values with doubled-quote and backslash escapes", () => {
    assert.deepEqual(runs("tags.a = 'it''s'"), cmp("tag", "a", "=", "it's", 0));
    assert.deepEqual(runs("tags.a = 'it\\'s'"), cmp("tag", "a", "=", "it's", 0));
    assert.deepEqual(runs('tags.a = "say ""hi"""'), cmp("tag", "a", "=", 'say "hi"', 0));
    assert.deepEqual(runs('tags.a = "say \\"hi\\""'), cmp("tag", "a", "=", 'say "hi"', 0));
    assert.deepEqual(runs("tags.a = 'back\\\\slash'"), cmp("tag", "a", "=", "back\\slash", 0));
    assert.deepEqual(runs("tags.a = ''"), cmp("tag", "a", "=", "", 0));
    assert.deepEqual(runs("tags.a = 'ünï 🚀 (and) or'"), cmp("tag", "a", "=", "ünï 🚀 (and) or", 0));
  });

  it("keeps LIKE escapes such as \\% intact", () => {
    assert.deepEqual(runs("tags.a LIKE '50\\%'"), cmp("tag", "a", "LIKE", "50\\%", 0));
  });
});

describe("parseFilter: numbers and comparators", () => {
  const numbers: [string, number][] = [["0", 0], ["42", 42], ["-7", -7], ["3.25", 3.25], ["-1.5e-3", -0.0015], ["2E+3", 2000], [".5", 0.5], ["1.", 1]];
  for (const [text, value] of numbers) {
    it(`reads ${text}`, () => {
      assert.deepEqual(runs(`metrics.m = ${text}`), cmp("metric", "m", "=", value, 0));
    });
  }

  for (const comparator of ["=", "!=", ">", ">=", "<", "<="] as const) {
    it(`accepts ${comparator} on metrics, with or without spaces`, () => {
      assert.deepEqual(runs(`metrics.m${comparator}-1`), cmp("metric", "m", comparator, -1, 0));
    });
  }

  it("accepts LIKE, ILIKE, IN and NOT IN in any case", () => {
    assert.deepEqual(runs("params.p Like 'a%' and tags.t ilike '%B' and run_id in ('x', \"y\") and status Not In ('FAILED')"), {
      kind: "and",
      children: [
        cmp("param", "p", "LIKE", "a%", 0),
        cmp("tag", "t", "ILIKE", "%B", 23),
        cmp("attribute", "run_id", "IN", ["x", "y"], 45),
        cmp("attribute", "status", "NOT IN", ["FAILED"], 70),
      ],
    });
    assert.deepEqual(runs("params.p IN('a','b','c')"), cmp("param", "p", "IN", ["a", "b", "c"], 0));
  });
});

describe("parseFilter: AND, OR and parentheses", () => {
  const a = cmp("param", "a", "=", "1", 0);

  it("binds AND tighter than OR", () => {
    assert.deepEqual(runs("params.a = '1' or params.b = '2' and params.c = '3'"), {
      kind: "or",
      children: [a, { kind: "and", children: [cmp("param", "b", "=", "2", 18), cmp("param", "c", "=", "3", 37)] }],
    });
    assert.deepEqual(runs("params.a = '1' AND params.b = '2' OR params.c = '3'"), {
      kind: "or",
      children: [{ kind: "and", children: [a, cmp("param", "b", "=", "2", 19)] }, cmp("param", "c", "=", "3", 37)],
    });
  });

  it("groups with parentheses", () => {
    assert.deepEqual(runs("(params.a = '1' or params.b = '2') and params.c = '3'"), {
      kind: "and",
      children: [{ kind: "or", children: [cmp("param", "a", "=", "1", 1), cmp("param", "b", "=", "2", 19)] }, cmp("param", "c", "=", "3", 39)],
    });
  });

  it("flattens nested nodes of the same kind and collapses single children", () => {
    assert.deepEqual(runs("((params.a = '1'))"), cmp("param", "a", "=", "1", 2));
    assert.deepEqual(runs("(params.a = '1' and params.b = '2') and (params.c = '3' and params.d = '4')"), {
      kind: "and",
      children: [cmp("param", "a", "=", "1", 1), cmp("param", "b", "=", "2", 20), cmp("param", "c", "=", "3", 41), cmp("param", "d", "=", "4", 60)],
    });
    assert.deepEqual(runs("params.a = '1' or (params.b = '2' or (params.c = '3'))"), {
      kind: "or",
      children: [a, cmp("param", "b", "=", "2", 19), cmp("param", "c", "=", "3", 38)],
    });
  });

  it("keeps and inside or and or inside and", () => {
    assert.deepEqual(runs("(params.a = '1' or params.b = '2') and (params.c = '3' or params.d = '4')"), {
      kind: "and",
      children: [
        { kind: "or", children: [cmp("param", "a", "=", "1", 1), cmp("param", "b", "=", "2", 19)] },
        { kind: "or", children: [cmp("param", "c", "=", "3", 40), cmp("param", "d", "=", "4", 58)] },
      ],
    });
  });

  it("accepts newlines and tabs as whitespace", () => {
    assert.deepEqual(runs("params.a = '1'\n\tAND\n(params.b = '2')"), {
      kind: "and",
      children: [a, cmp("param", "b", "=", "2", 21)],
    });
  });
});
