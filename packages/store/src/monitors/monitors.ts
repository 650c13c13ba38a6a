import { sql } from "kysely";
import { CairnError, invalidParameter, isCairnError, nextOffsetToken, offsetFromToken, type CreateMonitorRecord, type Monitor, type MonitorConfig, type ReadScope } from "@cairn/core";
import { readableBy } from "../auth/read-scope.js";
import { deleteGrantsOn } from "../auth/resource-grants.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { MONITOR_COLUMNS, fromBlob, lockMonitorById, monitorIdNotFound, requireMonitorByName, toBlob, toMonitor } from "./monitor-rows.js";
import { validateMaxResults, validateMonitorConfig, validateMonitorDescription, validateMonitorName, validateMonitorTarget } from "./monitor-validation.js";

/** Creates a monitor with its reference profile; a taken name is RESOURCE_ALREADY_EXISTS. */
export async function createMonitor(ctx: StoreContext, input: CreateMonitorRecord): Promise<Monitor> {
  validateMonitorName(input.name);
  const description = validateMonitorDescription(input.description);
  validateMonitorTarget(input);
  validateMonitorConfig(input.config);
  if (!(input.reference_profile instanceof Uint8Array)) throw invalidParameter("Missing reference profile: compute it from the reference data first.");
  const now = ctx.clock();
  const row = {
    monitor_id: ctx.newId(),
    name: input.name,
    description,
    model_name: input.model_name ?? null,
    deployment: input.deployment ?? null,
    config_json: JSON.stringify(input.config),
    reference_json: JSON.stringify(input.reference),
    evaluated_until_ms: null,
    creation_timestamp: now,
    last_updated_timestamp: now,
  };
  try {
    await inTransaction(ctx, async (trx) => {
      const taken = await trx.selectFrom("monitors").select("monitor_id").where("name", "=", input.name).executeTakeFirst();
      if (taken) throw alreadyExists(input.name);
      await trx.insertInto("monitors").values({ ...row, reference_profile: toBlob(input.reference_profile) }).execute();
    });
  } catch (error) {
    // A concurrent create of the same name loses on the unique key (READ COMMITTED lets both pass the check).
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS") throw alreadyExists(input.name, error);
    throw error;
  }
  return toMonitor(row);
}

function alreadyExists(name: string, cause?: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `Monitor '${name}' already exists. Choose another name, or change that monitor with monitors/update.`,
    cause === undefined ? undefined : { cause },
  );
}

/** Reads one monitor by name. */
export async function getMonitor(ctx: StoreContext, name: string): Promise<Monitor> {
  return reading(ctx, async (db) => toMonitor(await requireMonitorByName(db, name)));
}

/** The encoded reference profile of a monitor. */
export async function getMonitorReference(ctx: StoreContext, monitorId: string): Promise<Uint8Array> {
  return reading(ctx, async (db) => {
    const row = await db.selectFrom("monitors").select("reference_profile").where("monitor_id", "=", monitorId).executeTakeFirst();
    if (!row) throw monitorIdNotFound(monitorId);
    return fromBlob(row.reference_profile);
  });
}

/** Monitors with exactly this model_name and/or deployment, ordered by name, in offset pages. */
export async function searchMonitors(
  ctx: StoreContext,
  input: { model_name?: string; deployment?: string; max_results?: number; page_token?: string; readable_by?: ReadScope },
): Promise<{ monitors: Monitor[]; next_page_token?: string }> {
  const max = validateMaxResults(input.max_results);
  const offset = offsetFromToken(input.page_token);
  return reading(ctx, async (db) => {
    let query = db.selectFrom("monitors").select(MONITOR_COLUMNS);
    if (input.model_name !== undefined) query = query.where("model_name", "=", input.model_name);
    if (input.deployment !== undefined) query = query.where("deployment", "=", input.deployment);
    if (input.readable_by) query = query.where(readableBy(input.readable_by, "monitor", sql.ref("monitors.name")));
    const rows = await query
      .orderBy(sql`${ctx.d.orderText(sql.ref("name"))} asc`)
      .limit(max + 1)
      .offset(offset)
      .execute();
    const token = nextOffsetToken(rows.length, offset, max);
    return { monitors: rows.slice(0, max).map(toMonitor), ...(token ? { next_page_token: token } : {}) };
  });
}

/** Monitors watching this deployment, plus those watching this model with no deployment given; ordered by name. */
export async function monitorsFor(ctx: StoreContext, input: { deployment?: string; model_name: string }): Promise<Monitor[]> {
  return reading(ctx, async (db) => {
    const rows = await db
      .selectFrom("monitors")
      .select(MONITOR_COLUMNS)
      .where((eb) => {
        const ofModel = eb.and([eb("model_name", "=", input.model_name), eb("deployment", "is", null)]);
        return input.deployment === undefined ? ofModel : eb.or([eb("deployment", "=", input.deployment), ofModel]);
      })
      .orderBy(sql`${ctx.d.orderText(sql.ref("name"))} asc`)
      .execute();
    return rows.map(toMonitor);
  });
}

/** Changes a monitor's description and/or config. */
export async function updateMonitor(ctx: StoreContext, name: string, patch: { description?: string; config?: MonitorConfig }): Promise<Monitor> {
  validateMonitorName(name);
  const description = patch.description === undefined ? undefined : validateMonitorDescription(patch.description);
  if (patch.config !== undefined) validateMonitorConfig(patch.config);
  return inTransaction(ctx, async (trx) => {
    const row = await requireMonitorByName(trx, name);
    const changes = {
      last_updated_timestamp: ctx.clock(),
      ...(description === undefined ? {} : { description }),
      ...(patch.config === undefined ? {} : { config_json: JSON.stringify(patch.config) }),
    };
    await trx.updateTable("monitors").set(changes).where("monitor_id", "=", row.monitor_id).execute();
    return toMonitor({ ...row, ...changes });
  });
}

/** Deletes a monitor with its windows, raw events, alert rules and alert history. */
export async function deleteMonitor(ctx: StoreContext, name: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    // Locked first on PostgreSQL: an ingest holding the row finishes before the events are deleted.
    const { monitor_id: id } = await lockMonitorById(ctx, trx, (await requireMonitorByName(trx, name)).monitor_id);
    // Raw events have no foreign key; the other tables cascade too, but explicit deletes do not depend on SQLite's foreign_keys pragma.
    await trx.deleteFrom("monitor_alerts").where("monitor_id", "=", id).execute();
    await trx.deleteFrom("monitor_alert_rules").where("monitor_id", "=", id).execute();
    await trx.deleteFrom("monitor_events").where("monitor_id", "=", id).execute();
    await trx.deleteFrom("monitor_windows").where("monitor_id", "=", id).execute();
    await trx.deleteFrom("monitors").where("monitor_id", "=", id).execute();
    await deleteGrantsOn(trx, "monitor", name);
  });
}
