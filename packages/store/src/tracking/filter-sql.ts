import { sql, type SqlBool, type RawBuilder } from "kysely";
import { invalidParameter, type ComparisonNode, type FilterEntity, type FilterNode, type OrderByClause } from "@cairn/core";
import type { Sql, StoreDialect } from "../dialects/dialect.js";

export type Condition = RawBuilder<SqlBool>;

/**
 * How one searchable entity maps filter identifiers onto SQL: attribute columns, and for keyed
 * entities (metrics, params, tags, datasets) an EXISTS over the child table. A missing key
 * therefore never matches, which is MLflow's rule for every comparator, != included.
 */
export interface FilterColumns {
  attribute(key: string): Sql;
  /** Attributes that hold numbers; every other attribute sorts as text. */
  numericAttributes: ReadonlySet<string>;
  /** Condition that a child row with this key exists and its value column satisfies test. */
  keyed(entity: FilterEntity, key: string, test: (value: Sql) => Sql): Sql;
  /** Sort expression for a keyed entity (a scalar subquery), or undefined if it cannot be ordered. */
  sortKeyed?(entity: FilterEntity, key: string): Sql;
}

/** Compiles a parsed filter into one SQL condition with every user value bound as a parameter. */
export function compileFilter(d: StoreDialect, node: FilterNode, columns: FilterColumns): Condition {
  if (node.kind === "and" || node.kind === "or") {
    const parts = node.children.map((child) => compileFilter(d, child, columns));
    return sql<SqlBool>`(${sql.join(parts, sql.raw(node.kind === "and" ? " and " : " or "))})`;
  }
  if (node.entity === "attribute") return sql<SqlBool>`${compare(d, columns.attribute(node.key), node)}`;
  if (node.entity === "metric") {
    // NaN is stored as is_nan = 1; it is unequal to every number and unordered.
    return sql<SqlBool>`${columns.keyed("metric", node.key, (value) =>
      node.comparator === "!=" ? sql`(${value} != ${node.value} or is_nan = 1)` : sql`(is_nan = 0 and ${compare(d, value, node)})`,
    )}`;
  }
  return sql<SqlBool>`${columns.keyed(node.entity, node.key, (value) => compare(d, value, node))}`;
}

function compare(d: StoreDialect, left: Sql, node: ComparisonNode): Sql {
  const { comparator, value } = node;
  switch (comparator) {
    case "LIKE":
    case "ILIKE":
      return d.like(left, String(value), comparator === "ILIKE");
    case "IN":
    case "NOT IN": {
      const list = Array.isArray(value) ? value : [String(value)];
      return sql`${left} ${sql.raw(comparator === "IN" ? "in" : "not in")} (${sql.join(list.map((v) => sql`${v}`))})`;
    }
    default:
      return sql`${left} ${sql.raw(comparator)} ${value}`;
  }
}

/** Turns parsed order_by clauses into ORDER BY terms; missing values sort last either way. */
export function orderByTerms(d: StoreDialect, clauses: readonly OrderByClause[], columns: FilterColumns): Sql[] {
  return clauses.map((clause) => {
    let expr: Sql;
    if (clause.entity === "attribute") expr = columns.attribute(clause.key);
    else if (columns.sortKeyed) expr = columns.sortKeyed(clause.entity, clause.key);
    else throw invalidParameter(`Cannot order by ${clause.entity} '${clause.key}' here.`);
    const numeric = clause.entity === "metric" || (clause.entity === "attribute" && columns.numericAttributes.has(clause.key));
    if (!numeric) expr = d.orderText(expr);
    return sql`${expr} ${sql.raw(clause.ascending ? "asc" : "desc")} nulls last`;
  });
}

/** Experiments: attributes are columns of experiments, tags live in experiment_tags. */
export function experimentColumns(alias: string): FilterColumns {
  const attributes: Record<string, Sql> = {
    name: sql.ref(`${alias}.name`),
    experiment_id: sql`cast(${sql.ref(`${alias}.experiment_id`)} as text)`,
    creation_time: sql.ref(`${alias}.creation_time`),
    last_update_time: sql.ref(`${alias}.last_update_time`),
  };
  return {
    attribute: (key) => pick(attributes, key, "experiment"),
    numericAttributes: new Set(["creation_time", "last_update_time"]),
    keyed: (entity, key, test) => {
      if (entity !== "tag") throw invalidParameter(`Experiments cannot be filtered by ${entity}s; use attributes or tags.`);
      return sql`exists (select 1 from experiment_tags t where t.experiment_id = ${sql.ref(`${alias}.experiment_id`)} and t.key = ${key} and ${test(sql.ref("t.value"))})`;
    },
  };
}

/** Runs: attribute columns, latest metrics, params, tags and dataset inputs. */
export function runColumns(alias: string): FilterColumns {
  const run = sql.ref(`${alias}.run_uuid`);
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const attributes: Record<string, Sql> = {
    run_id: run,
    run_name: column("name"),
    status: column("status"),
    user_id: column("user_id"),
    artifact_uri: column("artifact_uri"),
    lifecycle_stage: column("lifecycle_stage"),
    start_time: column("start_time"),
    end_time: column("end_time"),
  };
  return {
    attribute: (key) => pick(attributes, key, "run"),
    numericAttributes: new Set(["start_time", "end_time"]),
    keyed: (entity, key, test) => {
      switch (entity) {
        case "metric":
          return sql`exists (select 1 from latest_metrics lm where lm.run_uuid = ${run} and lm.key = ${key} and ${test(sql.ref("lm.value"))})`;
        case "param":
          return sql`exists (select 1 from params p where p.run_uuid = ${run} and p.key = ${key} and ${test(sql.ref("p.value"))})`;
        case "tag":
          return sql`exists (select 1 from tags t where t.run_uuid = ${run} and t.key = ${key} and ${test(sql.ref("t.value"))})`;
        case "dataset":
          if (key === "context") {
            return sql`exists (select 1 from input_tags it where it.run_uuid = ${run} and it.key = 'mlflow.data.context' and ${test(sql.ref("it.value"))})`;
          }
          return sql`exists (select 1 from run_inputs ri join datasets ds on ds.dataset_uuid = ri.dataset_uuid where ri.run_uuid = ${run} and ${test(
            pick({ name: sql.ref("ds.name"), digest: sql.ref("ds.digest") }, key, "dataset"),
          )})`;
        default:
          throw invalidParameter(`Runs cannot be filtered by ${entity}.`);
      }
    },
    sortKeyed: (entity, key) => {
      switch (entity) {
        case "metric":
          return sql`(select case when lm.is_nan = 1 then null else lm.value end from latest_metrics lm where lm.run_uuid = ${run} and lm.key = ${key})`;
        case "param":
          return sql`(select p.value from params p where p.run_uuid = ${run} and p.key = ${key})`;
        case "tag":
          return sql`(select t.value from tags t where t.run_uuid = ${run} and t.key = ${key})`;
        default:
          throw invalidParameter(`Runs cannot be ordered by ${entity}.`);
      }
    },
  };
}

/** Logged models: attribute columns, their params, tags and the metrics logged against them. */
export function loggedModelColumns(alias: string, datasets?: { dataset_name: string; dataset_digest?: string }[]): FilterColumns {
  const model = sql.ref(`${alias}.model_id`);
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const attributes: Record<string, Sql> = {
    name: column("name"),
    model_id: model,
    model_type: column("model_type"),
    status: column("status"),
    source_run_id: column("source_run_id"),
    creation_timestamp: column("creation_timestamp_ms"),
    last_updated_timestamp: column("last_updated_timestamp_ms"),
  };
  // Metric filters may be scoped to the datasets the request names (MLflow's `datasets` field).
  const datasetScope =
    datasets && datasets.length > 0
      ? sql` and (${sql.join(
          datasets.map((ds) =>
            ds.dataset_digest
              ? sql`(lmm.dataset_name = ${ds.dataset_name} and lmm.dataset_digest = ${ds.dataset_digest})`
              : sql`lmm.dataset_name = ${ds.dataset_name}`,
          ),
          sql.raw(" or "),
        )})`
      : sql``;
  const latestMetric = (key: string) =>
    sql`(select case when lmm.is_nan = 1 then null else lmm.value end from logged_model_metrics lmm where lmm.model_id = ${model} and lmm.key = ${key}${datasetScope} order by lmm.step desc, lmm.timestamp desc limit 1)`;
  return {
    attribute: (key) => pick(attributes, key, "logged model"),
    numericAttributes: new Set(["creation_timestamp", "last_updated_timestamp"]),
    keyed: (entity, key, test) => {
      switch (entity) {
        case "metric":
          return sql`exists (select 1 from logged_model_metrics lmm where lmm.model_id = ${model} and lmm.key = ${key}${datasetScope} and ${test(sql.ref("lmm.value"))})`;
        case "param":
          return sql`exists (select 1 from logged_model_params p where p.model_id = ${model} and p.key = ${key} and ${test(sql.ref("p.value"))})`;
        case "tag":
          return sql`exists (select 1 from logged_model_tags t where t.model_id = ${model} and t.key = ${key} and ${test(sql.ref("t.value"))})`;
        default:
          throw invalidParameter(`Logged models cannot be filtered by ${entity}.`);
      }
    },
    sortKeyed: (entity, key) => {
      if (entity !== "metric") throw invalidParameter(`Logged models can be ordered by attributes and metrics, not ${entity}s.`);
      return latestMetric(key);
    },
  };
}

function pick(columns: Record<string, Sql>, key: string, what: string): Sql {
  const column = columns[key];
  if (!column) throw invalidParameter(`Invalid ${what} attribute '${key}'. Valid attributes are ${Object.keys(columns).join(", ")}.`);
  return column;
}
