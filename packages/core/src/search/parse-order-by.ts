import { invalidParameter } from "../errors.js";
import type { OrderByClause } from "./filter-ast.js";
import type { SearchGrammar } from "./grammar.js";
import { resolveIdentifier } from "./resolve-identifier.js";
import { excerpt, syntaxError, type SourceText } from "./source-errors.js";
import { asIdentifier, describeToken, tokenize, type IdentifierToken, type Token } from "./tokenize.js";

/** Parses MLflow's string order_by clauses ("metrics.loss DESC", "name"); no clauses means none. */
export function parseOrderBy(clauses: readonly string[] | undefined, grammar: SearchGrammar): OrderByClause[] {
  if (clauses === undefined) return [];
  if (!Array.isArray(clauses)) throw invalidParameter(`Invalid order_by: expected a list of strings, got ${typeof clauses}.`);
  return clauses.map((clause) => parseClause(clause, grammar));
}

/** Parses logged-models' structured order_by entry ({field_name, ascending}). */
export function parseOrderField(fieldName: string, ascending: boolean, grammar: SearchGrammar): OrderByClause {
  if (typeof fieldName !== "string") throw invalidParameter(`Invalid order_by field_name: expected a string, got ${typeof fieldName}.`);
  const source: SourceText = { text: fieldName, kind: "order_by field" };
  const tokens = tokenize(source);
  const identifier = expectField(source, tokens, grammar);
  const extra = token(tokens, 1);
  if (extra.kind !== "end") {
    throw syntaxError(source, `unexpected ${describeToken(extra)} after '${excerpt(identifier.text)}'`, extra.position, "Give the direction in 'ascending', not in the field name.");
  }
  return resolveOrderable(source, identifier, grammar, ascending !== false);
}

function parseClause(clause: string, grammar: SearchGrammar): OrderByClause {
  if (typeof clause !== "string") throw invalidParameter(`Invalid order_by clause: expected a string, got ${typeof clause}.`);
  const source: SourceText = { text: clause, kind: "order_by clause" };
  const tokens = tokenize(source);
  const identifier = expectField(source, tokens, grammar);
  const direction = token(tokens, 1);
  if (direction.kind === "end") return resolveOrderable(source, identifier, grammar, true);
  const ascending = directionOf(direction);
  if (ascending === undefined) {
    const hint = direction.kind === "," ? "Pass each clause as its own order_by entry." : undefined;
    throw syntaxError(source, `expected ASC or DESC after '${excerpt(identifier.text)}', got ${describeToken(direction)}`, direction.position, hint);
  }
  const extra = token(tokens, 2);
  if (extra.kind !== "end") {
    throw syntaxError(source, `unexpected ${describeToken(extra)} after the direction`, extra.position, "Pass each clause as its own order_by entry.");
  }
  return resolveOrderable(source, identifier, grammar, ascending);
}

function expectField(source: SourceText, tokens: readonly Token[], grammar: SearchGrammar): IdentifierToken {
  const first = token(tokens, 0);
  const identifier = asIdentifier(first);
  if (identifier !== undefined) return identifier;
  const got = first.kind === "end" ? "a field is missing" : `expected a field, got ${describeToken(first)}`;
  throw syntaxError(source, got, first.position, `Valid fields are ${orderableFields(grammar)}.`);
}

function resolveOrderable(source: SourceText, identifier: IdentifierToken, grammar: SearchGrammar, ascending: boolean): OrderByClause {
  const field = resolveIdentifier(identifier, grammar, source);
  const keys = field.grammar.keys;
  const orderable = keys.kind === "open" ? keys.orderable : keys.orderable.includes(field.key);
  if (!orderable) {
    throw syntaxError(source, `${grammar.subject} cannot be ordered by ${excerpt(field.label)}`, identifier.position, `Valid fields are ${orderableFields(grammar)}.`);
  }
  return { entity: field.entity, key: field.key, ascending };
}

/** ASC / DESC, case-insensitively, as MLflow accepts them; undefined for anything else. */
function directionOf(candidate: Token): boolean | undefined {
  const word = candidate.kind === "identifier" && candidate.parts.length === 1 && candidate.parts[0]?.quoted === false ? candidate.text.toUpperCase() : "";
  if (word === "ASC") return true;
  if (word === "DESC") return false;
  return undefined;
}

/** What a grammar can order by, for hints: open entities as prefix.<key>, attributes bare. */
function orderableFields(grammar: SearchGrammar): string {
  const fields = grammar.entities.flatMap((entity) => {
    const prefix = entity.prefixes[0] ?? entity.label;
    if (entity.keys.kind === "open") return entity.keys.orderable ? [`${prefix}.<key>`] : [];
    return entity.entity === grammar.defaultEntity ? entity.keys.orderable : entity.keys.orderable.map((key) => `${prefix}.${key}`);
  });
  return fields.join(", ");
}

function token(tokens: readonly Token[], index: number): Token {
  // tokenize always ends the list with an "end" token, so reading past it yields that token.
  const found = tokens[Math.min(index, tokens.length - 1)];
  if (found === undefined) throw invalidParameter("Invalid order_by: no tokens.");
  return found;
}
