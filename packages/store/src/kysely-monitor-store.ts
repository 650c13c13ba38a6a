import type { MonitorStore } from "@cairn/core";
import * as rules from "./monitors/alert-rules.js";
import * as events from "./monitors/monitor-events.js";
import { recordMonitorEvaluation } from "./monitors/monitor-evaluation.js";
import { listMonitorWindows } from "./monitors/monitor-windows.js";
import * as monitors from "./monitors/monitors.js";
import type { StoreContext } from "./tracking/context.js";

/** The MonitorStore over either dialect: monitors, window profiles, raw events, alert rules and history. */
export function createMonitorStore(ctx: StoreContext): MonitorStore {
  return {
    createMonitor: (input) => monitors.createMonitor(ctx, input),
    getMonitor: (name) => monitors.getMonitor(ctx, name),
    getMonitorReference: (id) => monitors.getMonitorReference(ctx, id),
    searchMonitors: (input) => monitors.searchMonitors(ctx, input),
    monitorsFor: (input) => monitors.monitorsFor(ctx, input),
    updateMonitor: (name, patch) => monitors.updateMonitor(ctx, name, patch),
    deleteMonitor: (name) => monitors.deleteMonitor(ctx, name),
    ingestMonitorEvents: (id, batch, build, merger) => events.ingestMonitorEvents(ctx, id, batch, build, merger),
    attachMonitorLabels: (id, labels, build, merger) => events.attachMonitorLabels(ctx, id, labels, build, merger),
    listMonitorWindows: (id, input) => listMonitorWindows(ctx, id, input),
    getMonitorEvents: (id, requestIds) => events.getMonitorEvents(ctx, id, requestIds),
    pruneMonitorEvents: (now) => events.pruneMonitorEvents(ctx, now),
    createAlertRule: (input) => rules.createAlertRule(ctx, input),
    listAlertRules: (id) => rules.listAlertRules(ctx, id),
    deleteAlertRule: (id, ruleId) => rules.deleteAlertRule(ctx, id, ruleId),
    listAlerts: (id, input) => rules.listAlerts(ctx, id, input),
    recordMonitorEvaluation: (record) => recordMonitorEvaluation(ctx, record),
  };
}
