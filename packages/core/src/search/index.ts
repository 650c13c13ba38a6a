export type { AndNode, Comparator, ComparisonNode, FilterEntity, FilterNode, OrNode, OrderByClause } from "./filter-ast.js";
export type { EntityGrammar, FieldRule, FixedKeys, OpenKeys, SearchGrammar, ValueKind } from "./grammar.js";
export {
  ID_FIELD,
  MEMBERSHIP_COMPARATORS,
  NUMBER_FIELD,
  NUMERIC_COMPARATORS,
  STRING_COMPARATORS,
  STRING_FIELD,
  STRING_LIST_FIELD,
} from "./grammar.js";
export { EXPERIMENT_SEARCH, LOGGED_MODEL_SEARCH, MODEL_VERSION_SEARCH, REGISTERED_MODEL_SEARCH, RUN_SEARCH } from "./grammars.js";
export { parseFilter } from "./parse-filter.js";
export { parseOrderBy, parseOrderField } from "./parse-order-by.js";
