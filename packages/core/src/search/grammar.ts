import type { Comparator, FilterEntity } from "./filter-ast.js";

/** Whether a field is compared as text (quoted values) or as a number (unquoted values). */
export type ValueKind = "string" | "number";

/** How one field may be compared: its value kind and the comparators it accepts (IN / NOT IN only where listed). */
export interface FieldRule {
  readonly kind: ValueKind;
  readonly comparators: readonly Comparator[];
}

/** Keys chosen by users (metrics, params, tags): one rule for every key. */
export interface OpenKeys {
  readonly kind: "open";
  readonly rule: FieldRule;
  /** Whether order_by may name these keys. */
  readonly orderable: boolean;
}

/** Keys fixed by the entity (attributes, dataset columns), each with its own rule. */
export interface FixedKeys {
  readonly kind: "fixed";
  /** Canonical key -> rule, in the order messages list them. */
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** Alternative spelling -> canonical key. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Canonical keys order_by may name. */
  readonly orderable: readonly string[];
}

/** One entity kind a search accepts. */
export interface EntityGrammar {
  readonly entity: FilterEntity;
  /** How "Valid values are ..." names it (MLflow's singular: metric, parameter, ...). */
  readonly label: string;
  /** Accepted spellings before the dot, lower-case (matched case-insensitively); the first is the one hints suggest. */
  readonly prefixes: readonly string[];
  readonly keys: OpenKeys | FixedKeys;
}

/** Everything the filter and order_by parsers need to know about one searchable entity. */
export interface SearchGrammar {
  /** What is searched, for messages ("runs"). */
  readonly subject: string;
  /** A valid comparison to suggest when the text does not start with one. */
  readonly example: string;
  /** The entity an identifier without a prefix names. */
  readonly defaultEntity: FilterEntity;
  /** The entities accepted, in the order messages list them. */
  readonly entities: readonly EntityGrammar[];
}

/** MLflow's numeric comparators. */
export const NUMERIC_COMPARATORS: readonly Comparator[] = ["=", "!=", ">", ">=", "<", "<="];
/** MLflow's string comparators. */
export const STRING_COMPARATORS: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE"];
/** List membership, allowed per field. */
export const MEMBERSHIP_COMPARATORS: readonly Comparator[] = ["IN", "NOT IN"];

/** A number compared with = != > >= < <=. */
export const NUMBER_FIELD: FieldRule = { kind: "number", comparators: NUMERIC_COMPARATORS };
/** A string compared with = != LIKE ILIKE. */
export const STRING_FIELD: FieldRule = { kind: "string", comparators: STRING_COMPARATORS };
/** A string compared with = != LIKE ILIKE IN NOT IN. */
export const STRING_LIST_FIELD: FieldRule = { kind: "string", comparators: [...STRING_COMPARATORS, ...MEMBERSHIP_COMPARATORS] };
/** An identifier-like string compared only for (in)equality and membership (experiment_id). */
export const ID_FIELD: FieldRule = { kind: "string", comparators: ["=", "!=", ...MEMBERSHIP_COMPARATORS] };

/** The grammar's entry for one entity kind, if it accepts that kind. */
export function findEntity(grammar: SearchGrammar, entity: FilterEntity): EntityGrammar | undefined {
  return grammar.entities.find((e) => e.entity === entity);
}

/** The entity a prefix spells, case-insensitively. */
export function findEntityByPrefix(grammar: SearchGrammar, prefix: string): EntityGrammar | undefined {
  const lower = prefix.toLowerCase();
  return grammar.entities.find((e) => e.prefixes.includes(lower));
}

/** The canonical key for a fixed key or alias; own-property checks keep "constructor" or "__proto__" from matching. */
export function canonicalKey(keys: FixedKeys, key: string): string | undefined {
  const canonical = Object.hasOwn(keys.aliases, key) ? keys.aliases[key] : key;
  return canonical !== undefined && Object.hasOwn(keys.fields, canonical) ? canonical : undefined;
}

/** The rule for a canonical key of a fixed-key entity. */
export function fieldRule(keys: FixedKeys, canonical: string): FieldRule | undefined {
  return Object.hasOwn(keys.fields, canonical) ? keys.fields[canonical] : undefined;
}
