import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCairnError } from "../errors.js";
import type { SearchGrammar } from "./grammar.js";
import { EXPERIMENT_SEARCH, LOGGED_MODEL_SEARCH, RUN_SEARCH } from "./grammars.js";
import { parseFilter } from "./parse-filter.js";

/** Asserts parsing throws INVALID_PARAMETER_VALUE with a message matching every pattern; returns the message. */
function rejects(text: string, patterns: (string | RegExp)[], grammar: SearchGrammar = RUN_SEARCH): string {
  let message = "";
  assert.throws(
    () => parseFilter(text, grammar),
    (error: unknown) => {
      assert.ok(isCairnError(error), `expected a CairnError, got ${String(error)}`);
      assert.equal(error.code, "INVALID_PARAMETER_VALUE");
      message = error.message;
      return true;
    },
  );
  for (const pattern of patterns) {
    if (typeof pattern === "string") assert.ok(message.includes(pattern), `message ${JSON.stringify(message)} lacks ${JSON.stringify(pattern)}`);
    else assert.match(message, pattern);
  }
  return message;
}

describe("parseFilter: the brief's messages, verbatim", () => {
  it("reports a missing value at the end", () => {
    assert.equal(rejects("metrics.loss >", []), `Invalid filter "metrics.loss >": expected a value after '>' at position 14.`);
  });
  it("lists the grammar's own entity types", () => {
    assert.equal(rejects("foo.bar = 'x'", []), "Invalid entity type 'foo' at position 0. Valid values are metric, parameter, tag, attribute, dataset.");
    assert.equal(rejects("metrics.loss > 1", [], EXPERIMENT_SEARCH), "Invalid entity type 'metrics' at position 0. Valid values are tag, attribute.");
    assert.equal(rejects("datasets.name = 'x'", [], LOGGED_MODEL_SEARCH), "Invalid entity type 'datasets' at position 0. Valid values are metric, parameter, tag, attribute.");
  });
  it("names the comparators a field accepts", () => {
    assert.equal(rejects("params.lr > '0.01'", []), "Invalid comparator '>' for params at position 10: use one of =, !=, LIKE, ILIKE, IN, NOT IN.");
    assert.equal(rejects("tags.t > 'x'", [], EXPERIMENT_SEARCH), "Invalid comparator '>' for tags at position 7: use one of =, !=, LIKE, ILIKE.");
  });
  it("lists valid attribute keys", () => {
    assert.equal(
      rejects("colour = 'red'", []),
      "Invalid attribute key 'colour' at position 0. Valid keys are run_id, run_name, status, user_id, artifact_uri, lifecycle_stage, start_time, end_time.",
    );
  });
  it("says what it expected instead of a number", () => {
    assert.equal(rejects("metrics.loss > abc", []), "Expected a number after 'metrics.loss >' at position 15, got 'abc'.");
  });
});

describe("parseFilter: bad inputs are INVALID_PARAMETER_VALUE naming the position or token", () => {
  const cases: [string, (string | RegExp)[], SearchGrammar?][] = [
    ["params.a = 'x", ["unterminated string starting at position 11"]],
    ['params.a = "x', ["unterminated string starting at position 11"]],
    ["params.`a = 'x'", ["unterminated quoted name starting at position 7"]],
    ["(params.a = 'x'", ["missing ')' for the '(' opened at position 0"]],
    ["params.a = 'x')", ["unmatched ')' at position 14"]],
    ["(params.a = 'x' params.b = 'y')", ["expected AND, OR or ')', got 'params.b' at position 16"]],
    ["params.a = 'x' params.b = 'y'", ["expected AND, OR or the end of the filter, got 'params.b' at position 15"]],
    ["run_id IN ()", ["the IN list is empty at position 10"]],
    ["run_id NOT IN ()", ["the NOT IN list is empty at position 14"]],
    ["run_id IN 'a'", ["expected '(' after 'IN', got 'a' at position 10"]],
    ["run_id IN ('a'", ["missing ')' for the list opened at position 10"]],
    ["run_id IN ('a' 'b')", ["expected ',' or ')' in the IN list, got 'b' at position 15"]],
    ["run_id IN ('a', 2)", ["expected a quoted string in the IN list, got '2' at position 16"]],
    ["name == 'x'", ["unknown comparator '==' at position 5", "single '='"]],
    ["metrics.loss <> 1", ["unknown comparator '<>' at position 13"]],
    ["metrics.loss ! 1", ["unknown comparator '!' at position 13"]],
    ["metrics. > 1", ["expected a key after 'metrics.' at position 8"]],
    ["metrics.", ["expected a key after 'metrics.' at position 8"]],
    ["tags.`` = 'x'", ["empty quoted name at position 5"]],
    ['"" = \'x\'', ["Missing attribute key at position 0"]],
    ["metrics.val-loss > 1", ["unexpected character '-' after 'metrics.val' at position 11", "metrics.`val-loss`"]],
    ["params.a = 'x'; drop table runs", ["unexpected character ';' at position 14"]],
    ["metrics.loss > '0.5'", ["Expected a number after 'metrics.loss >' at position 15, got '0.5'.", "without quotes"]],
    ["start_time > 'yesterday'", ["Expected a number after 'start_time >' at position 13"]],
    ["params.lr = 0.01", ["Expected a quoted string after 'params.lr =' at position 12, got '0.01'"]],
    ["status = FINISHED", ["Expected a quoted string after 'status =' at position 9, got 'FINISHED'", "'FINISHED'"]],
    ["metrics.loss > 1abc", ["invalid number '1abc' at position 15"]],
    ["metrics.loss > 1.2.3", ["invalid number '1.2.3' at position 15"]],
    ["metrics.loss > 1e999", ["number '1e999' is out of range at position 15"]],
    ["metrics.loss > -", ["unexpected character '-' at position 15"]],
    ["metrics.loss", ["expected a comparator after 'metrics.loss' at position 12"]],
    ["status 'x'", ["expected a comparator after 'status', got 'x' at position 7"]],
    ["run_id NOT LIKE 'x'", ["expected IN after NOT, got 'LIKE' at position 11"]],
    ["start_time LIKE '1%'", ["Invalid comparator 'LIKE' for attribute 'start_time' at position 11"]],
    ["metrics.loss IN ('1')", ["Invalid comparator 'IN' for metrics at position 13"]],
    ["name IN ('a')", ["Invalid comparator 'IN' for attribute 'name' at position 5"], EXPERIMENT_SEARCH],
    ["experiment_id LIKE '1%'", ["Invalid comparator 'LIKE' for attribute 'experiment_id' at position 14"], EXPERIMENT_SEARCH],
    ["datasets.size = 'x'", ["Invalid dataset key 'size' at position 9", "name, digest, context"]],
    ["metrics = 1", ["Invalid attribute key 'metrics' at position 0", "metrics.<key>"]],
    ["constructor = 'x'", ["Invalid attribute key 'constructor' at position 0"]],
    ["attributes.__proto__ = 'x'", ["Invalid attribute key '__proto__' at position 11"]],
    ["params.a = 'x' and", ["expected a comparison after 'and' at position 18"]],
    ["params.a = 'x' or or params.b = 'y'", ["expected a comparison after 'or', got 'or' at position 18"]],
    ["and params.a = 'x'", ["expected a comparison, got 'and' at position 0"]],
    ["()", ["empty parentheses at position 0"]],
    ["'x' = 'y'", ["expected a comparison, got 'x' at position 0"]],
    ["params.a = 'x' and (", ["expected a comparison after '(' at position 20"]],
    ["params.a = ", ["expected a value after '=' at position 11"]],
    ["params.a LIKE", ["expected a value after 'LIKE' at position 13"]],
  ];
  for (const [text, patterns, grammar] of cases) {
    it(`rejects ${JSON.stringify(text)}`, () => {
      rejects(text, patterns, grammar);
    });
  }

  it("caps parenthesis nesting instead of overflowing the stack", () => {
    const deep = `${"(".repeat(100_000)}params.a = 'x'${")".repeat(100_000)}`;
    const message = rejects(deep, ["parentheses nested deeper than 50 levels at position 50"]);
    assert.ok(message.length < 400, "the echoed filter is shortened");
  });

  it("rejects a non-string filter with a coded error", () => {
    rejects(42 as unknown as string, ["expected a string"]);
  });
});

describe("parseFilter: robustness", () => {
  const valid = [
    "metrics.`x y` >= -1.5e-3 and (tags.\"my key\" LIKE 'a''b%' or params.p NOT IN ('1', \"2\")) and attributes.`run name` != 'r'",
    "datasets.context IN ('train') or run_id = 'abc' and start_time > 17",
  ];

  it("throws only coded errors for every truncation of valid filters", () => {
    for (const text of valid) {
      for (let end = 0; end <= text.length; end += 1) assertParsesOrRejects(text.slice(0, end));
    }
  });

  it("throws only coded errors for random text over the filter alphabet", () => {
    const alphabet = ["metrics.", "params.", "tags.", "run_id", "start_time", " ", "'", '"', "`", "(", ")", ",", "=", "!", "<", ">", "-", ".", "1", "e", "and", "or", "not", "in", "like", "\\", "é", "🚀"];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let i = 0; i < 3000; i += 1) {
      const length = next() % 12;
      let text = "";
      for (let j = 0; j < length; j += 1) text += alphabet[next() % alphabet.length];
      assertParsesOrRejects(text);
    }
  });
});

function assertParsesOrRejects(text: string): void {
  for (const grammar of [RUN_SEARCH, EXPERIMENT_SEARCH, LOGGED_MODEL_SEARCH]) {
    try {
      parseFilter(text, grammar);
    } catch (error) {
      assert.ok(isCairnError(error) && error.code === "INVALID_PARAMETER_VALUE", `${JSON.stringify(text)} threw ${String(error)}`);
      assert.match(error.message, /position \d+/, `${JSON.stringify(text)}: ${error.message}`);
    }
  }
}
