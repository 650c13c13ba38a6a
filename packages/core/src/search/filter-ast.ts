/**
 * The parsed form of a search filter. MLflow's grammar is a conjunction of comparisons; Cairn
 * also accepts OR and parentheses, so the tree has and/or nodes.
 */
export type FilterNode = ComparisonNode | AndNode | OrNode;

export interface AndNode {
  kind: "and";
  children: FilterNode[];
}

export interface OrNode {
  kind: "or";
  children: FilterNode[];
}

export type Comparator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";

/** The entity kinds a filter identifier can name (MLflow's, after resolving aliases). */
export type FilterEntity = "metric" | "param" | "tag" | "attribute" | "dataset";

export interface ComparisonNode {
  kind: "comparison";
  entity: FilterEntity;
  /** For attributes and datasets: the canonical column name (aliases resolved); otherwise the user's key. */
  key: string;
  comparator: Comparator;
  /** A number for numeric comparisons, a string for string ones, a list for IN / NOT IN. */
  value: number | string | string[];
  /** 0-based offset of the clause in the filter text, for error messages. */
  position: number;
}

/** One parsed order_by clause. */
export interface OrderByClause {
  entity: FilterEntity;
  key: string;
  ascending: boolean;
}
