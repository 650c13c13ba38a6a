import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { ViewType } from "@cairn/core";

/** The lifecycle condition for MLflow's view types (ACTIVE_ONLY, DELETED_ONLY, ALL). */
export function lifecycleCondition(alias: string, viewType: ViewType): RawBuilder<SqlBool> {
  const column = sql.ref(`${alias}.lifecycle_stage`);
  if (viewType === "ACTIVE_ONLY") return sql<SqlBool>`${column} = 'active'`;
  if (viewType === "DELETED_ONLY") return sql<SqlBool>`${column} = 'deleted'`;
  return sql<SqlBool>`1 = 1`;
}
