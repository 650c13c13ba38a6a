import { sql, type RawBuilder, type SqlBool } from "kysely";
import { PROMPT_TAG_KEY, invalidParameter, type ComparisonNode, type FilterNode, type OrderByClause } from "@cairn/core";
import type { Sql } from "../dialects/dialect.js";
import type { FilterColumns } from "../tracking/filter-sql.js";

/** A search filter with MLflow's prompt handling applied: what is left to compile, and whether prompts are excluded. */
export interface PromptScope {
  filter: FilterNode | undefined;
  excludePrompts: boolean;
}

/**
 * MLflow keeps prompts in the registry, marked by the tag mlflow.prompt.is_prompt, and its 3.x
 * client appends "AND tag.`mlflow.prompt.is_prompt` != 'true'" to every registered-model search.
 * Read with the usual rule (a clause on a missing tag never matches) that would hide every
 * model without the tag, so, as MLflow's server does, a top-level clause on that tag is taken
 * out of the filter and prompts are excluded by an anti-join instead, unless the clause asks
 * for prompts (= 'true' or != 'false'), in which case it stays and filters as usual.
 */
export function promptScope(filter: FilterNode | undefined): PromptScope {
  if (!filter || filter.kind === "or") return { filter, excludePrompts: true };
  const clauses = filter.kind === "and" ? filter.children : [filter];
  const promptClause = clauses.find(isPromptClause);
  if (promptClause && asksForPrompts(promptClause)) return { filter, excludePrompts: false };
  const rest = clauses.filter((c) => !isPromptClause(c));
  return { filter: rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { kind: "and", children: rest }, excludePrompts: true };
}

/** Registered models that are not prompts: no is_prompt = 'true' tag on the model. */
export function notPromptModel(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.name`)} not in (select pt.name from registered_model_tags pt where pt.key = ${PROMPT_TAG_KEY} and pt.value = 'true')`;
}

/** Versions of models that are not prompts: neither the model nor any of its versions is tagged as one (MLflow joins on the name). */
export function notPromptVersion(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.name`)} not in (
    select pt.name from registered_model_tags pt where pt.key = ${PROMPT_TAG_KEY} and pt.value = 'true'
    union select pvt.name from model_version_tags pvt where pvt.key = ${PROMPT_TAG_KEY} and pvt.value = 'true')`;
}

/** Registered models: name and timestamps are columns, tags live in registered_model_tags. */
export function registeredModelColumns(alias: string): FilterColumns {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const attributes: Record<string, Sql> = {
    name: column("name"),
    creation_timestamp: column("creation_timestamp"),
    last_updated_timestamp: column("last_updated_timestamp"),
  };
  return {
    attribute: (key) => pick(attributes, key, "registered model"),
    numericAttributes: new Set(["creation_timestamp", "last_updated_timestamp"]),
    keyed: (entity, key, test) => {
      if (entity !== "tag") throw invalidParameter(`Registered models cannot be filtered by ${entity}s; use name or tags.`);
      return sql`exists (select 1 from registered_model_tags t where t.name = ${column("name")} and t.key = ${key} and ${test(sql.ref("t.value"))})`;
    },
  };
}

/** Model versions: source_path is the source column, version_number the version; tags live in model_version_tags. */
export function modelVersionColumns(alias: string): FilterColumns {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const attributes: Record<string, Sql> = {
    name: column("name"),
    run_id: column("run_id"),
    source_path: column("source"),
    version_number: column("version"),
    creation_timestamp: column("creation_timestamp"),
    last_updated_timestamp: column("last_updated_timestamp"),
  };
  return {
    attribute: (key) => pick(attributes, key, "model version"),
    numericAttributes: new Set(["version_number", "creation_timestamp", "last_updated_timestamp"]),
    keyed: (entity, key, test) => {
      if (entity !== "tag") throw invalidParameter(`Model versions cannot be filtered by ${entity}s; use attributes or tags.`);
      return sql`exists (select 1 from model_version_tags t where t.name = ${column("name")} and t.version = ${column("version")} and t.key = ${key} and ${test(sql.ref("t.value"))})`;
    },
  };
}

/** MLflow refuses an order_by that names one field twice; so does Cairn, naming the field. */
export function checkDistinctOrder(clauses: readonly OrderByClause[]): void {
  const seen = new Set<string>();
  for (const clause of clauses) {
    if (seen.has(clause.key)) throw invalidParameter(`Invalid order_by: '${clause.key}' appears more than once. Name each field once.`);
    seen.add(clause.key);
  }
}

/** Checks max_results against a search's limit (the route's schema does too; the store is called directly as well). */
export function checkMaxResults(maxResults: number, limit: number): number {
  if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > limit) {
    throw invalidParameter(`Invalid value ${maxResults} for parameter 'max_results': it must be an integer from 1 to ${limit}.`);
  }
  return maxResults;
}

function isPromptClause(node: FilterNode): node is ComparisonNode {
  return node.kind === "comparison" && node.entity === "tag" && node.key === PROMPT_TAG_KEY;
}

function asksForPrompts(node: ComparisonNode): boolean {
  const value = typeof node.value === "string" ? node.value.toLowerCase() : "";
  return (node.comparator === "=" && value === "true") || (node.comparator === "!=" && value === "false");
}

function pick(columns: Record<string, Sql>, key: string, what: string): Sql {
  const column = columns[key];
  if (!column) throw invalidParameter(`Invalid ${what} attribute '${key}'. Valid attributes are ${Object.keys(columns).join(", ")}.`);
  return column;
}
