import { invalidParameter, type MonitorEvaluationRecord } from "@cairn/core";
import { inTransaction, type StoreContext } from "../tracking/context.js";
import { recordWebhookEvent } from "../webhooks/outbox.js";
import { monitorIdNotFound } from "./monitor-rows.js";

/**
 * Writes one evaluation step if no other replica advanced the monitor first. The compare-and-set
 * on monitors.evaluated_until_ms comes first: on PostgreSQL a concurrent step with the same
 * expected value waits on the row lock, then finds the value moved and updates nothing; SQLite
 * has a single writer. Only the winner writes rule states, alert history and webhook deliveries,
 * all in the same transaction. False when the compare-and-set lost.
 */
export async function recordMonitorEvaluation(ctx: StoreContext, record: MonitorEvaluationRecord): Promise<boolean> {
  const { monitor_id: monitorId, expected_evaluated_until_ms: expected, evaluated_until_ms: until } = record;
  if (!Number.isSafeInteger(until)) throw invalidParameter(`Invalid evaluated_until_ms ${String(until)}: give milliseconds since the epoch as a whole number.`);
  return inTransaction(ctx, async (trx) => {
    const advanced = await trx
      .updateTable("monitors")
      .set({ evaluated_until_ms: until })
      .where("monitor_id", "=", monitorId)
      .where("evaluated_until_ms", expected === undefined ? "is" : "=", expected ?? null)
      .executeTakeFirst();
    if (Number(advanced.numUpdatedRows) === 0) {
      const exists = await trx.selectFrom("monitors").select("monitor_id").where("monitor_id", "=", monitorId).executeTakeFirst();
      if (!exists) throw monitorIdNotFound(monitorId);
      return false;
    }
    for (const s of record.states) {
      // A rule deleted meanwhile updates no row: its state no longer matters.
      await trx
        .updateTable("monitor_alert_rules")
        .set({ state: s.state, consecutive: s.consecutive, last_window_ms: s.last_window_ms ?? null, last_notified_ms: s.last_notified_ms ?? null })
        .where("monitor_id", "=", monitorId)
        .where("rule_id", "=", s.rule_id)
        .execute();
    }
    if (record.alerts.length > 0) {
      await trx
        .insertInto("monitor_alerts")
        .values(
          record.alerts.map((a) => ({
            alert_id: ctx.newId(),
            monitor_id: monitorId,
            rule_id: a.rule_id,
            rule_name: a.rule_name,
            state: a.state,
            window_start_ms: a.window_start_ms,
            value: a.value,
            message: a.message,
            timestamp_ms: a.timestamp_ms,
            notified: a.notified ? 1 : 0,
          })),
        )
        .execute();
    }
    for (const n of record.notifications) {
      await recordWebhookEvent(ctx, trx, { entity: "MONITOR_ALERT", action: n.action }, n.data, n.webhook_ids);
    }
    return true;
  });
}
