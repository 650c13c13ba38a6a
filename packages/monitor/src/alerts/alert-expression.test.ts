import assert from "node:assert/strict";
import { test } from "node:test";
import { MODEL_FIGURE_KEYS } from "../performance/model-figures.js";
import { ALERT_FIGURES } from "./alert-figures.js";
import { compareFigure, parseAlertExpression } from "./alert-expression.js";

function rejects(text: string, message: RegExp): void {
  assert.throws(
    () => parseAlertExpression(text),
    (e: Error & { code?: string }) => {
      assert.equal(e.code, "INVALID_PARAMETER_VALUE");
      assert.match(e.message, message);
      return true;
    },
  );
}

test("parses the documented examples", () => {
  assert.deepEqual(parseAlertExpression("drift_share > 0.3 for 2 windows"), { figure: "drift_share", name: "drift_share", op: ">", threshold: 0.3, for_windows: 2 });
  assert.deepEqual(parseAlertExpression("f1 < 0.8"), { figure: "f1", name: "f1", op: "<", threshold: 0.8 });
  assert.deepEqual(parseAlertExpression("missing_rate(income) > 0.05"), { figure: "missing_rate(income)", name: "missing_rate", feature: "income", op: ">", threshold: 0.05 });
  assert.deepEqual(parseAlertExpression("p99_latency_ms > 50"), { figure: "p99_latency_ms", name: "p99_latency_ms", op: ">", threshold: 50 });
});

test("accepts spacing, every operator, signs, exponents, quoted features and 'for 1 window'", () => {
  assert.equal(parseAlertExpression("  error_rate>=1e-2  ").threshold, 0.01);
  for (const op of [">", ">=", "<", "<=", "==", "!="]) assert.equal(parseAlertExpression(`events ${op} 0`).op, op);
  assert.equal(parseAlertExpression("r2 < -0.5").threshold, -0.5);
  assert.equal(parseAlertExpression("drift_detected( age ) == 1 FOR 1 WINDOW").for_windows, 1);
  assert.equal(parseAlertExpression("drift_detected( age ) == 1").figure, "drift_detected(age)");
  assert.equal(parseAlertExpression('unseen_share("city (home)") > .1').figure, "unseen_share(city (home))");
  assert.equal(parseAlertExpression("Drift_Share > 0.3").figure, "drift_share");
});

test("rejects bad expressions with a message naming the position and what was expected", () => {
  rejects("", /Missing alert expression/);
  rejects("f2 > 0.3", /Unknown figure 'f2' at character 1.*Known figures: drift_share, drifted_features, drift_score\(feature\)/);
  rejects("missing_rate > 0.05", /missing_rate needs a feature: missing_rate\(income\)/);
  rejects("missing_rate() > 0.05", /missing_rate needs a feature: missing_rate\(income\)/);
  rejects("drift_share(age) > 0.3", /drift_share takes no feature/);
  rejects("missing_rate(income > 0.05", /'\(' at character 13 is never closed/);
  rejects("drift_share 0.3", /expected an operator: >, >=, <, <=, == or != at character 13, found '0.3'/);
  rejects("drift_share = 0.3", /use '==' to test equality.*character 13/);
  rejects("drift_share > high", /expected a number to compare with at character 15, found 'high'/);
  rejects("drift_share >", /expected a number to compare with at character 14, found the end of the expression/);
  rejects("drift_share > 0.3 for", /whole number of windows after 'for'/);
  rejects("drift_share > 0.3 for 0 windows", /at least 1 at character 23/);
  rejects("drift_share > 0.3 for 2", /'windows' after the number of windows/);
  rejects("drift_share > 0.3 for 2 hours", /'windows' after the number of windows at character 25, found 'hours'/);
  rejects("drift_share > 0.3 and f1 < 0.8", /the end of the expression or 'for N windows' at character 19, found 'and'/);
  rejects("drift_share > 0.3 for 2 windows please", /expected the end of the expression at character 33/);
  rejects("drift_share > 0.3x", /a space or the end of the expression/);
  rejects("> 0.3", /expected a figure name such as drift_share.* at character 1, found '>'/);
  rejects("drift_share > 1e999", /a finite number/);
});

test("ALERT_FIGURES names every model figure once, with descriptions", () => {
  const names = ALERT_FIGURES.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  for (const key of MODEL_FIGURE_KEYS) assert.ok(names.includes(key), key);
  for (const f of ALERT_FIGURES) assert.ok(f.description.length > 10, f.name);
  assert.deepEqual(ALERT_FIGURES.filter((f) => f.takes_feature).map((f) => f.name), ["drift_score", "drift_detected", "missing_rate", "missing_rate_change", "unseen_share"]);
});

test("compareFigure applies each operator", () => {
  assert.equal(compareFigure(0.5, ">", 0.3), true);
  assert.equal(compareFigure(0.3, ">", 0.3), false);
  assert.equal(compareFigure(0.3, ">=", 0.3), true);
  assert.equal(compareFigure(0.2, "<", 0.3), true);
  assert.equal(compareFigure(0.3, "<=", 0.3), true);
  assert.equal(compareFigure(1, "==", 1), true);
  assert.equal(compareFigure(1, "!=", 1), false);
});
