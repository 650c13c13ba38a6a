import { sql } from "kysely";
import {
  REGISTERED_MODEL_SEARCH,
  LIMITS,
  nextOffsetToken,
  offsetFromToken,
  parseFilter,
  parseOrderBy,
  type Page,
  type RegisteredModel,
  type SearchRegistryInput,
} from "@cairn/core";
import { readableBy } from "../auth/read-scope.js";
import { reading, type StoreContext } from "../tracking/context.js";
import { compileFilter, orderByTerms } from "../tracking/filter-sql.js";
import { toRegisteredModels } from "./registered-model-json.js";
import { checkDistinctOrder, checkMaxResults, notPromptModel, promptScope, registeredModelColumns } from "./registry-filters.js";

/**
 * Searches registered models with MLflow's grammar (prompts excluded unless asked for), ordered
 * by the requested fields and then by name; a page's tags, aliases and latest versions are read
 * in three queries for the whole page.
 */
export async function searchRegisteredModels(ctx: StoreContext, input: SearchRegistryInput): Promise<Page<RegisteredModel>> {
  const { filter, excludePrompts } = promptScope(parseFilter(input.filter, REGISTERED_MODEL_SEARCH));
  const orderBy = parseOrderBy(input.order_by, REGISTERED_MODEL_SEARCH);
  checkDistinctOrder(orderBy);
  const max = checkMaxResults(input.max_results, LIMITS.searchRegisteredModelsMax);
  const offset = offsetFromToken(input.page_token);
  const columns = registeredModelColumns("rm");
  return reading(ctx, async (db) => {
    let query = db.selectFrom("registered_models as rm").selectAll("rm");
    if (excludePrompts) query = query.where(notPromptModel("rm"));
    if (filter) query = query.where(compileFilter(ctx.d, filter, columns));
    if (input.readable_by) query = query.where(readableBy(input.readable_by, "registered_model", sql.ref("rm.name")));
    for (const term of orderByTerms(ctx.d, orderBy, columns)) query = query.orderBy(term);
    // Names are unique, so this tiebreak makes every order total and offset pages stable.
    if (!orderBy.some((o) => o.key === "name")) query = query.orderBy(sql`${ctx.d.orderText(sql.ref("rm.name"))} asc`);
    const rows = await query.limit(max + 1).offset(offset).execute();
    const items = await toRegisteredModels(db, rows.slice(0, max));
    const next_page_token = nextOffsetToken(rows.length, offset, max);
    return next_page_token ? { items, next_page_token } : { items };
  });
}
