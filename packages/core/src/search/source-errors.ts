import { invalidParameter, type CairnError } from "../errors.js";

/** The text being parsed and what it is, so every message can name it the way the user wrote it. */
export interface SourceText {
  readonly text: string;
  readonly kind: "filter" | "order_by clause" | "order_by field";
}

// Long inputs are echoed in messages; cap them so a huge filter cannot make a huge error body.
const MAX_SOURCE_SHOWN = 200;
const MAX_TOKEN_SHOWN = 60;

/** Shortens user text for a message, marking the cut so nobody mistakes it for the whole input. */
export function excerpt(text: string, max = MAX_TOKEN_SHOWN): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** The lead of a message about this source: filters are double-quoted because they are full of single quotes. */
export function describeSource(source: SourceText): string {
  const shown = excerpt(source.text, MAX_SOURCE_SHOWN);
  return source.kind === "filter" ? `Invalid filter "${shown}"` : `Invalid ${source.kind} '${shown}'`;
}

/** An error for malformed text: what went wrong, where, and optionally how to fix it. */
export function syntaxError(source: SourceText, detail: string, position: number, hint?: string): CairnError {
  return invalidParameter(`${describeSource(source)}: ${detail} at position ${position}.${hint ? ` ${hint}` : ""}`);
}

/**
 * An error for well-formed text the grammar rejects. Filter messages stand alone, as MLflow's do;
 * order_by messages name the clause because a request can carry several.
 */
export function grammarError(source: SourceText, sentence: string): CairnError {
  if (source.kind === "filter") return invalidParameter(sentence);
  return invalidParameter(`${describeSource(source)}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`);
}
