import type { Selectable } from "kysely";
import {
  CairnError,
  MONITOR_LIMITS,
  invalidParameter,
  isCairnError,
  notFound,
  type AlertEvent,
  type AlertRule,
  type AlertRuleState,
  type CreateAlertRuleRecord,
} from "@cairn/core";
import type { MonitorAlertRulesTable, MonitorAlertsTable } from "../schema.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { lockMonitorById, requireMonitorById } from "./monitor-rows.js";
import { validateAlertRule, validateMaxResults } from "./monitor-validation.js";

type RuleRow = Selectable<MonitorAlertRulesTable>;

/**
 * Creates an alert rule on a monitor: its name is unique on the monitor, a monitor has at most
 * MONITOR_LIMITS.rulesPerMonitor rules, and every webhook it names must exist. It starts OK.
 */
export async function createAlertRule(ctx: StoreContext, input: CreateAlertRuleRecord): Promise<AlertRule> {
  validateAlertRule(input);
  const webhookIds = [...new Set(input.webhook_ids)];
  const row = {
    rule_id: ctx.newId(),
    monitor_id: input.monitor_id,
    name: input.name,
    expression: input.expression,
    for_windows: input.for_windows,
    cooldown_ms: input.cooldown_ms,
    webhook_ids_json: JSON.stringify(webhookIds),
    enabled: input.enabled ? 1 : 0,
    creation_timestamp: ctx.clock(),
    last_window_ms: null,
    last_notified_ms: null,
  };
  let monitorName = input.monitor_id;
  try {
    await inTransaction(ctx, async (trx) => {
      const monitor = await lockMonitorById(ctx, trx, input.monitor_id);
      monitorName = monitor.name;
      const rules = await trx.selectFrom("monitor_alert_rules").select("name").where("monitor_id", "=", input.monitor_id).execute();
      if (rules.some((r) => r.name === input.name)) throw ruleExists(input.name, monitor.name);
      if (rules.length >= MONITOR_LIMITS.rulesPerMonitor) {
        throw invalidParameter(`Monitor '${monitor.name}' already has ${rules.length} alert rules, the most allowed; delete one before adding '${input.name}'.`);
      }
      if (webhookIds.length > 0) {
        const found = new Set((await trx.selectFrom("webhooks").select("webhook_id").where("webhook_id", "in", webhookIds).execute()).map((w) => w.webhook_id));
        const missing = webhookIds.find((id) => !found.has(id));
        if (missing !== undefined) throw notFound(`Webhook with id=${missing} not found; create it first or leave it out of webhook_ids.`);
      }
      await trx.insertInto("monitor_alert_rules").values(row).execute();
    });
  } catch (error) {
    // A concurrent create of the same name loses on the unique key.
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS") throw ruleExists(input.name, monitorName, error);
    throw error;
  }
  return toRule({ ...row, state: "OK", consecutive: 0 });
}

function ruleExists(name: string, monitor: string, cause?: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `Monitor '${monitor}' already has an alert rule named '${name}'. Choose another name, or delete that rule first.`,
    cause === undefined ? undefined : { cause },
  );
}

/** A monitor's rules in creation order, with where each stands. */
export async function listAlertRules(ctx: StoreContext, monitorId: string): Promise<{ rules: AlertRule[]; states: AlertRuleState[] }> {
  return reading(ctx, async (db) => {
    await requireMonitorById(db, monitorId);
    const rows = await db.selectFrom("monitor_alert_rules").selectAll().where("monitor_id", "=", monitorId).orderBy("creation_timestamp").orderBy("name").execute();
    return { rules: rows.map(toRule), states: rows.map(toState) };
  });
}

/** Deletes a rule; its alert history stays (alerts carry the rule's name). */
export async function deleteAlertRule(ctx: StoreContext, monitorId: string, ruleId: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const monitor = await requireMonitorById(trx, monitorId);
    const result = await trx.deleteFrom("monitor_alert_rules").where("monitor_id", "=", monitorId).where("rule_id", "=", ruleId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw notFound(`Alert rule '${ruleId}' does not exist on monitor '${monitor.name}'. List its rules with \`cairn monitor rule list ${monitor.name}\`.`);
    }
  });
}

/** A monitor's alert history, newest first; since_ms is inclusive. */
export async function listAlerts(ctx: StoreContext, monitorId: string, input: { since_ms?: number; max_results?: number }): Promise<AlertEvent[]> {
  const max = validateMaxResults(input.max_results);
  if (input.since_ms !== undefined && !Number.isSafeInteger(input.since_ms)) {
    throw invalidParameter(`Invalid value ${String(input.since_ms)} for parameter 'since_ms': give milliseconds since the epoch as a whole number.`);
  }
  return reading(ctx, async (db) => {
    await requireMonitorById(db, monitorId);
    let query = db.selectFrom("monitor_alerts").selectAll().where("monitor_id", "=", monitorId);
    if (input.since_ms !== undefined) query = query.where("timestamp_ms", ">=", input.since_ms);
    const rows = await query
      .orderBy("timestamp_ms", "desc")
      .orderBy("window_start_ms", "desc")
      .orderBy("rule_name")
      .orderBy("alert_id")
      .limit(max)
      .execute();
    return rows.map(toAlert);
  });
}

function toRule(r: RuleRow): AlertRule {
  return {
    rule_id: r.rule_id,
    monitor_id: r.monitor_id,
    name: r.name,
    expression: r.expression,
    for_windows: Number(r.for_windows),
    cooldown_ms: Number(r.cooldown_ms),
    webhook_ids: JSON.parse(r.webhook_ids_json) as string[],
    enabled: Number(r.enabled) === 1,
    creation_timestamp: Number(r.creation_timestamp),
  };
}

function toState(r: RuleRow): AlertRuleState {
  return {
    rule_id: r.rule_id,
    state: r.state as AlertRuleState["state"],
    consecutive: Number(r.consecutive),
    ...(r.last_window_ms === null ? {} : { last_window_ms: Number(r.last_window_ms) }),
    ...(r.last_notified_ms === null ? {} : { last_notified_ms: Number(r.last_notified_ms) }),
  };
}

function toAlert(r: Selectable<MonitorAlertsTable>): AlertEvent {
  return {
    alert_id: r.alert_id,
    rule_id: r.rule_id,
    monitor_id: r.monitor_id,
    rule_name: r.rule_name,
    state: r.state as AlertEvent["state"],
    window_start_ms: Number(r.window_start_ms),
    value: r.value === null ? null : Number(r.value),
    message: r.message,
    timestamp_ms: Number(r.timestamp_ms),
    notified: Number(r.notified) === 1,
  };
}
