import { invalidParameter } from "../errors.js";
import type { Comparator, ComparisonNode, FilterNode } from "./filter-ast.js";
import type { SearchGrammar } from "./grammar.js";
import { resolveIdentifier, type ResolvedField } from "./resolve-identifier.js";
import { excerpt, grammarError, syntaxError, type SourceText } from "./source-errors.js";
import { asIdentifier, describeToken, tokenize, type IdentifierToken, type Keyword, type Token } from "./tokenize.js";

// Recursion follows parentheses; a cap turns a hostile "((((..." into a 400 instead of a stack overflow.
const MAX_NESTING = 50;
const COMPARATOR_HINT = "Use one of =, !=, >, >=, <, <=, LIKE, ILIKE, IN, NOT IN.";

interface Cursor {
  readonly source: SourceText;
  readonly grammar: SearchGrammar;
  readonly tokens: readonly Token[];
  index: number;
}

/**
 * Parses a search filter into an AST checked against the grammar; empty text means no filter.
 * expr := term (OR term)*; term := factor (AND factor)*; factor := '(' expr ')' | comparison.
 */
export function parseFilter(text: string | undefined, grammar: SearchGrammar): FilterNode | undefined {
  if (text === undefined) return undefined;
  // Callers pass request fields; a non-string that slipped past schema validation must still be a 400.
  if (typeof text !== "string") throw invalidParameter(`Invalid filter: expected a string, got ${typeof text}.`);
  if (text.trim() === "") return undefined;
  const source: SourceText = { text, kind: "filter" };
  const cursor: Cursor = { source, grammar, tokens: tokenize(source), index: 0 };
  const node = parseOr(cursor, 0);
  const next = peek(cursor);
  if (next.kind === ")") throw syntaxError(source, "unmatched ')'", next.position, "Remove it or add the '(' it closes.");
  if (next.kind !== "end") throw syntaxError(source, `expected AND, OR or the end of the filter, got ${describeToken(next)}`, next.position);
  return node;
}

function parseOr(cursor: Cursor, depth: number): FilterNode {
  const children = [parseAnd(cursor, depth)];
  while (isKeyword(peek(cursor), "OR")) {
    cursor.index += 1;
    children.push(parseAnd(cursor, depth));
  }
  return combine("or", children);
}

function parseAnd(cursor: Cursor, depth: number): FilterNode {
  const children = [parseFactor(cursor, depth)];
  while (isKeyword(peek(cursor), "AND")) {
    cursor.index += 1;
    children.push(parseFactor(cursor, depth));
  }
  return combine("and", children);
}

function parseFactor(cursor: Cursor, depth: number): FilterNode {
  const open = peek(cursor);
  if (open.kind !== "(") return parseComparison(cursor);
  if (depth >= MAX_NESTING) throw syntaxError(cursor.source, `parentheses nested deeper than ${MAX_NESTING} levels`, open.position);
  cursor.index += 1;
  if (peek(cursor).kind === ")") throw syntaxError(cursor.source, "empty parentheses", open.position, "Put a comparison inside them or remove them.");
  const inner = parseOr(cursor, depth + 1);
  const close = peek(cursor);
  if (close.kind === "end") throw syntaxError(cursor.source, "missing ')' for the '(' opened", open.position);
  if (close.kind !== ")") throw syntaxError(cursor.source, `expected AND, OR or ')', got ${describeToken(close)}`, close.position);
  cursor.index += 1;
  return inner;
}

function parseComparison(cursor: Cursor): ComparisonNode {
  const { source } = cursor;
  const first = peek(cursor);
  const identifier = asIdentifier(first);
  if (identifier === undefined) {
    const previous = cursor.tokens[cursor.index - 1];
    const after = previous === undefined ? "" : ` after '${excerpt(previous.text)}'`;
    const got = first.kind === "end" ? "" : `, got ${describeToken(first)}`;
    throw syntaxError(source, `expected a comparison${after}${got}`, first.position, `Write e.g. ${cursor.grammar.example}.`);
  }
  cursor.index += 1;
  const field = resolveIdentifier(identifier, cursor.grammar, source);
  const comparator = parseComparator(cursor, identifier);
  if (!field.rule.comparators.includes(comparator.value)) {
    const allowed = field.rule.comparators.join(", ");
    throw grammarError(source, `Invalid comparator '${comparator.value}' for ${excerpt(field.label)} at position ${comparator.position}: use one of ${allowed}.`);
  }
  const value = parseValue(cursor, identifier, comparator, field);
  return { kind: "comparison", entity: field.entity, key: field.key, comparator: comparator.value, value, position: identifier.position };
}

interface ParsedComparator {
  readonly value: Comparator;
  readonly position: number;
  /** Offset just past the comparator, to quote "<identifier> <comparator>" as written. */
  readonly end: number;
}

function parseComparator(cursor: Cursor, identifier: IdentifierToken): ParsedComparator {
  const token = peek(cursor);
  const end = token.position + token.text.length;
  if (token.kind === "comparator") {
    cursor.index += 1;
    return { value: token.value, position: token.position, end };
  }
  if (token.kind === "keyword" && (token.value === "LIKE" || token.value === "ILIKE" || token.value === "IN")) {
    cursor.index += 1;
    return { value: token.value, position: token.position, end };
  }
  if (isKeyword(token, "NOT")) {
    cursor.index += 1;
    const next = peek(cursor);
    if (!isKeyword(next, "IN")) throw syntaxError(cursor.source, `expected IN after NOT, got ${describeToken(next)}`, next.position, "NOT is only supported as NOT IN.");
    cursor.index += 1;
    return { value: "NOT IN", position: token.position, end: next.position + next.text.length };
  }
  const got = token.kind === "end" ? "" : `, got ${describeToken(token)}`;
  throw syntaxError(cursor.source, `expected a comparator after '${excerpt(identifier.text)}'${got}`, token.position, COMPARATOR_HINT);
}

function parseValue(cursor: Cursor, identifier: IdentifierToken, comparator: ParsedComparator, field: ResolvedField): number | string | string[] {
  const { source } = cursor;
  if (comparator.value === "IN" || comparator.value === "NOT IN") return parseList(cursor, comparator);
  const token = peek(cursor);
  const comparatorText = source.text.slice(comparator.position, comparator.end);
  if (token.kind === "end") throw syntaxError(source, `expected a value after '${comparatorText}'`, token.position);
  const lead = excerpt(source.text.slice(identifier.position, comparator.end));
  if (field.rule.kind === "number") {
    if (token.kind === "number") {
      cursor.index += 1;
      return token.value;
    }
    const quotedNumber = token.kind === "string" && token.value.trim() !== "" && Number.isFinite(Number(token.value));
    const hint = quotedNumber ? " Write numbers without quotes." : "";
    throw grammarError(source, `Expected a number after '${lead}' at position ${token.position}, got ${describeToken(token)}.${hint}`);
  }
  if (token.kind === "string") {
    cursor.index += 1;
    return token.value;
  }
  const hint = token.kind === "number" || token.kind === "identifier" ? ` Quote string values, e.g. '${excerpt(token.text)}'.` : "";
  throw grammarError(source, `Expected a quoted string after '${lead}' at position ${token.position}, got ${describeToken(token)}.${hint}`);
}

function parseList(cursor: Cursor, comparator: ParsedComparator): string[] {
  const { source } = cursor;
  const open = peek(cursor);
  const comparatorText = source.text.slice(comparator.position, comparator.end);
  if (open.kind !== "(") {
    const got = open.kind === "end" ? "" : `, got ${describeToken(open)}`;
    throw syntaxError(source, `expected '(' after '${comparatorText}'${got}`, open.position, "Write a list such as ('a', 'b').");
  }
  cursor.index += 1;
  if (peek(cursor).kind === ")") throw syntaxError(source, `the ${comparator.value} list is empty`, open.position, "Give at least one quoted value, e.g. ('a', 'b').");
  const values: string[] = [];
  for (;;) {
    const item = peek(cursor);
    if (item.kind === "end") throw syntaxError(source, "missing ')' for the list opened", open.position);
    if (item.kind !== "string") {
      const hint = item.kind === "number" || item.kind === "identifier" ? `Quote each value, e.g. '${excerpt(item.text)}'.` : undefined;
      throw syntaxError(source, `expected a quoted string in the ${comparator.value} list, got ${describeToken(item)}`, item.position, hint);
    }
    values.push(item.value);
    cursor.index += 1;
    const separator = peek(cursor);
    if (separator.kind === "end") throw syntaxError(source, "missing ')' for the list opened", open.position);
    if (separator.kind !== "," && separator.kind !== ")") {
      throw syntaxError(source, `expected ',' or ')' in the ${comparator.value} list, got ${describeToken(separator)}`, separator.position);
    }
    cursor.index += 1;
    if (separator.kind === ")") return values;
  }
}

/** Builds an and/or node, splicing in children of the same kind and collapsing a lone child. */
function combine(kind: "and" | "or", children: FilterNode[]): FilterNode {
  const flat = children.flatMap((child) => (child.kind === kind ? child.children : [child]));
  const only = flat.length === 1 ? flat[0] : undefined;
  return only ?? { kind, children: flat };
}

function peek(cursor: Cursor): Token {
  // The list always ends with an "end" token, and nothing moves the cursor past it.
  const token = cursor.tokens[cursor.index] ?? cursor.tokens[cursor.tokens.length - 1];
  if (token === undefined) throw invalidParameter("Invalid filter: no tokens.");
  return token;
}

function isKeyword(token: Token, keyword: Keyword): boolean {
  return token.kind === "keyword" && token.value === keyword;
}
