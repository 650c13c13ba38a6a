import { sql, type SqlBool, type RawBuilder } from "kysely";
import {
  LIMITS,
  MODEL_VERSION_SEARCH,
  encodePageToken,
  offsetFromToken,
  parseFilter,
  parseOrderBy,
  type JsonText,
  type ModelVersion,
  type ModelVersionsPage,
  type SearchRegistryInput,
} from "@cairn/core";
import { readableBy } from "../auth/read-scope.js";
import type { Sql } from "../dialects/dialect.js";
import { reading, type StoreContext } from "../tracking/context.js";
import { compileFilter, orderByTerms } from "../tracking/filter-sql.js";
import { checkDistinctOrder, checkMaxResults, modelVersionColumns, notPromptVersion, promptScope } from "./registry-filters.js";

/**
 * Searches model versions with MLflow's grammar (versions of prompts excluded unless asked
 * for). The answer is the page's stored documents concatenated by the database in one
 * statement, which also says whether a further page exists: a large page (MLflow's default is
 * 10,000 versions) never becomes row objects in JS.
 */
export async function searchModelVersions(ctx: StoreContext, input: SearchRegistryInput): Promise<ModelVersionsPage> {
  const { filter, excludePrompts } = promptScope(parseFilter(input.filter, MODEL_VERSION_SEARCH));
  const orderBy = parseOrderBy(input.order_by, MODEL_VERSION_SEARCH);
  checkDistinctOrder(orderBy);
  const max = checkMaxResults(input.max_results, LIMITS.searchModelVersionsMax);
  const offset = offsetFromToken(input.page_token);
  const columns = modelVersionColumns("v");

  const conditions: RawBuilder<SqlBool>[] = [];
  if (excludePrompts) conditions.push(notPromptVersion("v"));
  if (filter) conditions.push(compileFilter(ctx.d, filter, columns));
  if (input.readable_by) conditions.push(readableBy(input.readable_by, "registered_model", sql.ref("v.name")));
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`1 = 1`;
  const name = sql`${ctx.d.orderText(sql.ref("v.name"))} asc`;
  const version = sql`v.version desc`;
  // MLflow's default order, written without NULLS LAST (the columns are NOT NULL) so that it
  // matches the model_versions_default_order index (model_versions_by_model under name = '...')
  // and needs no sort.
  let terms: Sql[] = [sql`v.last_updated_timestamp desc`, name, version];
  if (orderBy.length > 0) {
    terms = orderByTerms(ctx.d, orderBy, columns);
    if (!orderBy.some((o) => o.key === "name")) terms.push(name);
    if (!orderBy.some((o) => o.key === "version_number")) terms.push(version);
  }

  const ordered = (columns: Sql) => sql`select ${columns} from model_versions v where ${where} order by ${sql.join(terms)} limit ${max} offset ${offset}`;
  // SQLite sorts whole rows: sorting 10,000 versions with their documents (3 MB) takes twice as
  // long as sorting their keys and then reading the documents in that order, which its plan
  // keeps (the sorted keys are the outer loop). A PostgreSQL join may hash and lose the order.
  const page =
    ctx.d.name === "sqlite"
      ? sql`select d.document as text from (${ordered(sql`v.name, v.version`)}) o join model_versions d on d.name = o.name and d.version = o.version`
      : ordered(sql`v.document as text`);
  // Whether a row exists past this page does not depend on the order, so this probe needs no sort.
  const more = sql`exists (select 1 from model_versions v where ${where} limit 1 offset ${offset + max})`;
  return reading(ctx, async (db) => {
    const result = await sql<{ json: JsonText<ModelVersion[]> | null; more: unknown }>`
      select ${ctx.d.jsonOut(ctx.d.concatInOrder(page))} as json, case when ${more} then 1 else 0 end as more`.execute(db);
    const row = result.rows[0];
    const answer: ModelVersionsPage = {};
    if (row?.json) answer.model_versions = row.json;
    if (Number(row?.more) === 1) answer.next_page_token = encodePageToken({ offset: offset + max });
    return answer;
  });
}
