import { invalidParameter } from "@cairn/core";
import { ALERT_FIGURES, findAlertFigure } from "./alert-figures.js";

/** The comparison operators of alert expressions. */
export const ALERT_OPERATORS = [">=", "<=", "==", "!=", ">", "<"] as const;
/** One of ALERT_OPERATORS. */
export type AlertOperator = (typeof ALERT_OPERATORS)[number];

/** A parsed alert expression: `figure op threshold [for N windows]`. */
export interface AlertExpression {
  /** The key in a window's figures: "drift_share", "missing_rate(income)", "f1". */
  figure: string;
  /** The figure's name without its feature. */
  name: string;
  feature?: string;
  op: AlertOperator;
  threshold: number;
  for_windows?: number;
}

const EXAMPLE = "e.g. 'drift_share > 0.3 for 2 windows' or 'missing_rate(income) > 0.05'";
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const INTEGER = /\d+/y;
const WORD = /[A-Za-z]+/y;

/** A cursor over the expression that names positions 1-based, as people count characters. */
class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  skipSpace(): number {
    const from = this.i;
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
    return this.i - from;
  }

  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.i;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.i += found[0].length;
    return found[0];
  }

  done(): boolean {
    return this.i >= this.text.length;
  }

  /** What is at the cursor, for messages: the next word or symbol, or "the end". */
  here(): string {
    if (this.done()) return "the end of the expression";
    const rest = this.text.slice(this.i);
    const word = /^(?:[A-Za-z0-9_.+-]+|\S)/.exec(rest)![0];
    return `'${word}'`;
  }

  fail(expected: string): never {
    throw invalidParameter(`Invalid alert expression '${this.text}': expected ${expected} at character ${this.i + 1}, found ${this.here()} (${EXAMPLE}).`);
  }
}

function knownFigures(): string {
  return ALERT_FIGURES.map((f) => (f.takes_feature ? `${f.name}(feature)` : f.name)).join(", ");
}

/** Reads name or name(feature) and checks it against ALERT_FIGURES. */
function readFigure(s: Scanner): { name: string; feature?: string } {
  const start = s.i;
  const raw = s.match(NAME);
  if (raw === undefined) s.fail("a figure name such as drift_share, f1 or missing_rate(income)");
  const name = raw.toLowerCase();
  const figure = findAlertFigure(name);
  if (!figure) {
    throw invalidParameter(`Unknown figure '${raw}' at character ${start + 1} of '${s.text}'. Known figures: ${knownFigures()}.`);
  }
  const afterName = s.i;
  s.skipSpace();
  if (s.text[s.i] !== "(") {
    s.i = afterName;
    if (figure.takes_feature) throw invalidParameter(`${name} needs a feature: ${name}(income) (at character ${afterName + 1} of '${s.text}').`);
    return { name };
  }
  if (!figure.takes_feature) throw invalidParameter(`${name} takes no feature (at character ${s.i + 1} of '${s.text}'): write ${name} > 0.3, say.`);
  const open = s.i;
  s.i++;
  s.skipSpace();
  let feature: string;
  const quote = s.text[s.i];
  if (quote === '"' || quote === "'") {
    // Quotes let a feature name hold ')' or spaces at its ends.
    const end = s.text.indexOf(quote, s.i + 1);
    if (end < 0) s.fail(`a closing ${quote} for the feature name opened at character ${s.i + 1}`);
    feature = s.text.slice(s.i + 1, end);
    s.i = end + 1;
    s.skipSpace();
    if (s.text[s.i] !== ")") s.fail(`')' to close ${name}(`);
  } else {
    const end = s.text.indexOf(")", s.i);
    if (end < 0) throw invalidParameter(`Invalid alert expression '${s.text}': the '(' at character ${open + 1} is never closed: write ${name}(income).`);
    feature = s.text.slice(s.i, end).trim();
    s.i = end;
  }
  if (feature === "") throw invalidParameter(`${name} needs a feature: ${name}(income) (at character ${open + 2} of '${s.text}').`);
  s.i++;
  return { name, feature };
}

/** Reads a comparison operator; a lone '=' gets its own hint. */
function readOperator(s: Scanner): AlertOperator {
  for (const op of ALERT_OPERATORS) {
    if (s.text.startsWith(op, s.i)) {
      s.i += op.length;
      return op;
    }
  }
  if (s.text[s.i] === "=") s.fail("an operator (use '==' to test equality)");
  return s.fail("an operator: >, >=, <, <=, == or !=");
}

/** Reads the optional `for N window(s)` clause. */
function readForClause(s: Scanner): number | undefined {
  const keyword = s.match(WORD);
  if (keyword === undefined) return undefined;
  if (keyword.toLowerCase() !== "for") {
    s.i -= keyword.length;
    s.fail("the end of the expression or 'for N windows'");
  }
  s.skipSpace();
  const count = s.match(INTEGER);
  if (count === undefined) s.fail("a whole number of windows after 'for' (for 2 windows)");
  const n = Number(count);
  if (n < 1) {
    s.i -= count.length;
    s.fail("a number of windows of at least 1");
  }
  s.skipSpace();
  const unit = s.match(WORD);
  if (unit === undefined || !["window", "windows"].includes(unit.toLowerCase())) {
    if (unit !== undefined) s.i -= unit.length;
    s.fail("'windows' after the number of windows");
  }
  return n;
}

/** Parses `figure op number [for N window(s)]`; throws INVALID_PARAMETER_VALUE naming the position and what was expected. */
export function parseAlertExpression(text: string): AlertExpression {
  if (typeof text !== "string" || text.trim() === "") {
    throw invalidParameter(`Missing alert expression: write 'figure op number [for N windows]', ${EXAMPLE}.`);
  }
  const s: Scanner = new Scanner(text);
  s.skipSpace();
  const { name, feature } = readFigure(s);
  s.skipSpace();
  const op = readOperator(s);
  s.skipSpace();
  const number = s.match(NUMBER);
  if (number === undefined) s.fail("a number to compare with");
  const threshold = Number(number);
  if (!Number.isFinite(threshold)) {
    s.i -= number.length;
    s.fail("a finite number");
  }
  const spaced = s.skipSpace() > 0;
  let forWindows: number | undefined;
  if (!s.done()) {
    if (!spaced) s.fail("a space or the end of the expression after the number");
    forWindows = readForClause(s);
    s.skipSpace();
    if (!s.done()) s.fail(forWindows === undefined ? "the end of the expression or 'for N windows'" : "the end of the expression");
  }
  const parsed: AlertExpression = { figure: feature === undefined ? name : `${name}(${feature})`, name, op, threshold };
  if (feature !== undefined) parsed.feature = feature;
  if (forWindows !== undefined) parsed.for_windows = forWindows;
  return parsed;
}

/** True when value op threshold holds. */
export function compareFigure(value: number, op: AlertOperator, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}
