import type { FilterEntity } from "./filter-ast.js";
import { canonicalKey, fieldRule, findEntity, findEntityByPrefix, type EntityGrammar, type FieldRule, type SearchGrammar } from "./grammar.js";
import { excerpt, grammarError, type SourceText } from "./source-errors.js";
import type { IdentifierToken } from "./tokenize.js";

/** An identifier resolved against a grammar. */
export interface ResolvedField {
  readonly entity: FilterEntity;
  /** Canonical for attributes and datasets (aliases resolved); the user's key otherwise. */
  readonly key: string;
  readonly rule: FieldRule;
  readonly grammar: EntityGrammar;
  /** How messages name the field: "params" as typed, or "attribute 'start_time'". */
  readonly label: string;
  /** Where the key starts, for messages about the key rather than the prefix. */
  readonly keyPosition: number;
}

/** Resolves `[prefix.]key` to an entity, canonical key and rule, or throws naming what would be valid. */
export function resolveIdentifier(token: IdentifierToken, grammar: SearchGrammar, source: SourceText): ResolvedField {
  const [first, ...rest] = token.parts;
  if (first === undefined) throw grammarError(source, `Missing name at position ${token.position}.`);
  // The first dot separates prefix and key; later dots belong to the key (tags.mlflow.runName).
  const keyParts = rest.length === 0 ? [first] : rest;
  const entity = rest.length === 0 ? findEntity(grammar, grammar.defaultEntity) : findEntityByPrefix(grammar, first.text);
  if (entity === undefined) {
    const valid = grammar.entities.map((e) => e.label).join(", ");
    throw grammarError(source, `Invalid entity type '${excerpt(first.text)}' at position ${first.position}. Valid values are ${valid}.`);
  }
  const key = keyParts.map((part) => part.text).join(".");
  const keyPosition = keyParts[0]?.position ?? token.position;
  if (key === "") throw grammarError(source, `Missing ${entity.label} key at position ${keyPosition}.`);
  if (entity.keys.kind === "open") {
    const prefix = rest.length === 0 ? entity.prefixes[0] ?? entity.label : first.text;
    return { entity: entity.entity, key, rule: entity.keys.rule, grammar: entity, label: prefix, keyPosition };
  }
  const canonical = canonicalKey(entity.keys, key);
  const rule = canonical === undefined ? undefined : fieldRule(entity.keys, canonical);
  if (canonical === undefined || rule === undefined) {
    throw grammarError(source, `Invalid ${entity.label} key '${excerpt(key)}' at position ${keyPosition}. ${validKeys(grammar, entity, rest.length === 0 ? key : undefined)}`);
  }
  return { entity: entity.entity, key: canonical, rule, grammar: entity, label: `${entity.label} '${key}'`, keyPosition };
}

/** The valid-keys sentence; a bare word that is really a prefix (metrics = 1) gets a pointer to the dot form. */
function validKeys(grammar: SearchGrammar, entity: EntityGrammar, bareKey: string | undefined): string {
  const keys = entity.keys.kind === "fixed" ? Object.keys(entity.keys.fields) : [];
  const sentence = `Valid keys are ${keys.join(", ")}.`;
  const named = bareKey === undefined ? undefined : findEntityByPrefix(grammar, bareKey);
  if (named === undefined || named === entity) return sentence;
  return `${sentence} For a ${named.label}, write ${named.prefixes[0] ?? named.label}.<key>.`;
}
