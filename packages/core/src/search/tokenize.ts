import { excerpt, syntaxError, type SourceText } from "./source-errors.js";

/** The comparators written with symbols; word comparators (LIKE, IN, ...) are keywords. */
export type SymbolComparator = "=" | "!=" | ">" | ">=" | "<" | "<=";

/** Reserved words, recognised case-insensitively; NOT only ever precedes IN. */
export type Keyword = "AND" | "OR" | "LIKE" | "ILIKE" | "IN" | "NOT";

/** One dot-separated part of an identifier, unquoted, with where it starts. */
export interface IdentifierPart {
  readonly text: string;
  readonly position: number;
  readonly quoted: boolean;
}

interface TokenBase {
  /** The token exactly as written (quotes included), for messages. */
  readonly text: string;
  /** 0-based offset in the source text. */
  readonly position: number;
}

/** An identifier such as metrics.loss, tags."my key" or `run name`. */
export type IdentifierToken = TokenBase & { readonly kind: "identifier"; readonly parts: readonly IdentifierPart[] };

/** One lexical unit of a filter or order_by clause; the list always ends with an "end" token. */
export type Token =
  | IdentifierToken
  | (TokenBase & { readonly kind: "string"; readonly value: string; readonly quote: "'" | '"' })
  | (TokenBase & { readonly kind: "number"; readonly value: number })
  | (TokenBase & { readonly kind: "comparator"; readonly value: SymbolComparator })
  | (TokenBase & { readonly kind: "keyword"; readonly value: Keyword })
  | (TokenBase & { readonly kind: "(" | ")" | "," | "end" });

const SYMBOL_COMPARATORS: readonly string[] = ["=", "!=", ">", ">=", "<", "<="];
const KEYWORDS: ReadonlySet<string> = new Set(["AND", "OR", "LIKE", "ILIKE", "IN", "NOT"]);

// Sticky Unicode regexes: keys may be non-ASCII (metrics.précision) and astral characters must not split.
const WORD_START = /[\p{L}_]/uy;
const WORD = /[\p{L}\p{M}\p{N}_]+/uy;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NUMBER_TAIL = /[\p{L}\p{N}_.]+/uy;
const WHITESPACE = /\s/;
const COMPARATOR_CHARS = /[=!<>]+/y;
// After an identifier only these may follow directly; anything else is most likely part of an unquoted key.
const AFTER_IDENTIFIER = /[\s()=!<>,'"]/;

const QUOTE_HINT = "Quote a key that contains spaces or symbols with backticks, e.g. metrics.`val-loss`.";

/** Splits filter or order_by text into tokens with 0-based positions; malformed text throws INVALID_PARAMETER_VALUE. */
export function tokenize(source: SourceText): Token[] {
  const { text } = source;
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (WHITESPACE.test(c)) {
      i += 1;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c, text: c, position: i });
      i += 1;
    } else if (c === "=" || c === "!" || c === "<" || c === ">") {
      const token = readComparator(source, i);
      tokens.push(token);
      i += token.text.length;
    } else if (c === "'") {
      const quoted = readQuoted(source, i, "'");
      tokens.push({ kind: "string", text: text.slice(i, quoted.end), position: i, value: quoted.value, quote: "'" });
      i = quoted.end;
    } else if (c === '"' && !startsIdentifier(text, i)) {
      const quoted = readQuoted(source, i, '"');
      tokens.push({ kind: "string", text: text.slice(i, quoted.end), position: i, value: quoted.value, quote: '"' });
      i = quoted.end;
    } else if (isDigit(c) || ((c === "-" || c === ".") && startsNumber(text, i))) {
      const token = readNumber(source, i);
      tokens.push(token);
      i += token.text.length;
    } else if (c === "`" || c === '"' || matchesAt(WORD_START, text, i)) {
      const token = readIdentifier(source, i);
      tokens.push(token);
      i += token.text.length;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
      throw syntaxError(source, `unexpected character '${char}'`, i);
    }
  }
  tokens.push({ kind: "end", text: "", position: text.length });
  return tokens;
}

/** Treats double-quoted text as an identifier (tags."my key") or a string ('x' and "x" are both values). */
export function asIdentifier(token: Token): IdentifierToken | undefined {
  if (token.kind === "identifier") return token;
  // A bare double-quoted name on the left of a comparator is SQL's quoted identifier: "run name" = 'x'.
  if (token.kind === "string" && token.quote === '"') {
    return { kind: "identifier", text: token.text, position: token.position, parts: [{ text: token.value, position: token.position, quoted: true }] };
  }
  return undefined;
}

/** How a token is shown in "got ..." messages. */
export function describeToken(token: Token): string {
  if (token.kind === "end") return "the end of the text";
  // Strings already carry their quotes; wrapping them again would read as ''x''.
  return token.kind === "string" ? excerpt(token.text) : `'${excerpt(token.text)}'`;
}

function readComparator(source: SourceText, start: number): Token {
  COMPARATOR_CHARS.lastIndex = start;
  const text = COMPARATOR_CHARS.exec(source.text)?.[0] ?? source.text.charAt(start);
  if (!SYMBOL_COMPARATORS.includes(text)) {
    const hint = text === "==" ? "Use a single '=' for equality." : "Use one of =, !=, >, >=, <, <=.";
    throw syntaxError(source, `unknown comparator '${text}'`, start, hint);
  }
  return { kind: "comparator", text, position: start, value: text as SymbolComparator };
}

/** Reads a quoted run; doubled quotes and backslash-quote both escape the quote, as in SQL and in MLflow's clients. */
function readQuoted(source: SourceText, start: number, quote: string): { value: string; end: number } {
  const { text } = source;
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\" && i + 1 < text.length) {
      const next = text.charAt(i + 1);
      // Only quotes and backslash are unescaped: \% and \_ must reach LIKE intact as its escapes.
      value += next === "\\" || next === "'" || next === '"' || next === "`" ? next : c + next;
      i += 2;
    } else if (c === quote && text.charAt(i + 1) === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i += 1;
    }
  }
  const what = quote === "`" ? "quoted name" : "string";
  throw syntaxError(source, `unterminated ${what} starting`, start, `Close it with ${quote}.`);
}

function readNumber(source: SourceText, start: number): Token {
  NUMBER.lastIndex = start;
  const text = NUMBER.exec(source.text)?.[0] ?? "";
  const end = start + text.length;
  if (matchesAt(NUMBER_TAIL, source.text, end)) {
    NUMBER_TAIL.lastIndex = end;
    const tail = NUMBER_TAIL.exec(source.text)?.[0] ?? "";
    throw syntaxError(source, `invalid number '${excerpt(text + tail)}'`, start, "Quote string values, e.g. '1abc'.");
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw syntaxError(source, `number '${excerpt(text)}' is out of range`, start);
  return { kind: "number", text, position: start, value };
}

function readIdentifier(source: SourceText, start: number): Token {
  const { text } = source;
  const parts: IdentifierPart[] = [];
  let i = start;
  for (;;) {
    const part = readIdentifierPart(source, i);
    parts.push(part);
    i = part.end;
    if (text.charAt(i) !== ".") break;
    const after = text.charAt(i + 1);
    if (!(after === "`" || after === '"' || matchesAt(WORD, text, i + 1))) {
      throw syntaxError(source, `expected a key after '${excerpt(text.slice(start, i + 1))}'`, i + 1, QUOTE_HINT);
    }
    i += 1;
  }
  const next = text.charAt(i);
  if (next !== "" && !AFTER_IDENTIFIER.test(next)) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    throw syntaxError(source, `unexpected character '${char}' after '${excerpt(text.slice(start, i))}'`, i, QUOTE_HINT);
  }
  const raw = text.slice(start, i);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only !== undefined && !only.quoted && KEYWORDS.has(only.text.toUpperCase())) {
    return { kind: "keyword", text: raw, position: start, value: only.text.toUpperCase() as Keyword };
  }
  return { kind: "identifier", text: raw, position: start, parts: parts.map(({ text, position, quoted }) => ({ text, position, quoted })) };
}

function readIdentifierPart(source: SourceText, start: number): IdentifierPart & { end: number } {
  const c = source.text.charAt(start);
  if (c === "`" || c === '"') {
    const quoted = readQuoted(source, start, c);
    if (quoted.value === "") throw syntaxError(source, "empty quoted name", start, "Give the key between the quotes.");
    return { text: quoted.value, position: start, quoted: true, end: quoted.end };
  }
  WORD.lastIndex = start;
  const word = WORD.exec(source.text)?.[0] ?? "";
  return { text: word, position: start, quoted: false, end: start + word.length };
}

/** A double-quoted run followed directly by a dot is the prefix of an identifier ("tags"."x"), not a value. */
function startsIdentifier(text: string, start: number): boolean {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\") i += 2;
    else if (c === '"' && text.charAt(i + 1) === '"') i += 2;
    else if (c === '"') return text.charAt(i + 1) === ".";
    else i += 1;
  }
  return false;
}

function startsNumber(text: string, start: number): boolean {
  NUMBER.lastIndex = start;
  return NUMBER.test(text);
}

function matchesAt(pattern: RegExp, text: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(text);
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
