import { sql } from "kysely";
import {
  RUN_SEARCH,
  offsetFromToken,
  nextOffsetToken,
  parseFilter,
  parseOrderBy,
  type RunsPage,
  type SearchRunsInput,
} from "@cairn/core";
import { parseExperimentId, reading, type StoreContext } from "./context.js";
import { compileFilter, orderByTerms, runColumns } from "./filter-sql.js";
import { readRunDocuments } from "./run-documents.js";
import { lifecycleCondition } from "./view-type.js";

/** Searches runs with MLflow's grammar: the filter and order pick a page of runs, whose stored documents are the answer. */
export async function searchRuns(ctx: StoreContext, input: SearchRunsInput): Promise<RunsPage> {
  const filter = parseFilter(input.filter, RUN_SEARCH);
  const orderBy = parseOrderBy(input.order_by, RUN_SEARCH);
  const offset = offsetFromToken(input.page_token);
  const experimentIds = input.experiment_ids.map(parseExperimentId).filter((id) => id >= 0);
  if (experimentIds.length === 0) return {};
  const columns = runColumns("r");

  return reading(ctx, async (db) => {
    let idQuery = db
      .selectFrom("runs as r")
      .select("r.run_key")
      .where("r.experiment_id", "in", experimentIds)
      .where(lifecycleCondition("r", input.run_view_type));
    if (filter) idQuery = idQuery.where(compileFilter(ctx.d, filter, columns));
    for (const term of orderByTerms(ctx.d, orderBy, columns)) idQuery = idQuery.orderBy(term);
    // MLflow's implicit tiebreak after the requested order.
    idQuery = idQuery.orderBy("r.start_time", "desc").orderBy(sql`${ctx.d.orderText(sql.ref("r.run_uuid"))} asc`);
    const keys = (await idQuery.limit(input.max_results + 1).offset(offset).execute()).map((row) => Number(row.run_key));
    const page: RunsPage = {};
    const runs = await readRunDocuments(ctx, db, keys.slice(0, input.max_results));
    if (runs) page.runs = runs;
    const next = nextOffsetToken(keys.length, offset, input.max_results);
    if (next) page.next_page_token = next;
    return page;
  });
}
