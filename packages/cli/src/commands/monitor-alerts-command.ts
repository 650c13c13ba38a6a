import { InvalidArgumentError, type Command } from "commander";
import { CairnError } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatTime } from "../output/format.js";
import { alertTable, ruleTable } from "../output/monitor-views.js";
import { collect, parseDuration, parseTimeBound } from "./monitor-options.js";
import { clientFor, examples, parseMaxResults } from "./shared.js";

function parseWindows(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 1000) throw new InvalidArgumentError(`expected a whole number of windows from 1 to 1000, got '${value}'.`);
  return n;
}

/** A rule by id, else by name; neither is RESOURCE_DOES_NOT_EXIST listing the rules there are. */
async function findRuleId(client: CairnClient, name: string, rule: string): Promise<string> {
  const { rules } = await client.monitors.listAlertRules({ name });
  const found = rules.find((r) => r.rule_id === rule) ?? rules.find((r) => r.name === rule);
  if (found) return found.rule_id;
  const known = rules.map((r) => `${r.name} (${r.rule_id})`).join(", ") || "none";
  throw new CairnError("RESOURCE_DOES_NOT_EXIST", `Monitor '${name}' has no alert rule with id or name '${rule}'. Its rules: ${known}. List them with: cairn monitor rule list ${name}`);
}

/** `cairn monitor alerts`, `cairn monitor rule add|list|delete` and `cairn monitor evaluate`. */
export function addMonitorAlertCommands(monitor: Command, io: CliIo): void {
  monitor
    .command("alerts")
    .description("show a monitor's alert history, newest first")
    .argument("<name>", "monitor name")
    .option("--since <time>", "only alerts from this time on: a time ago such as 7d, an ISO time, or ms since the epoch", parseTimeBound)
    .option("--max-results <n>", "stop after this many alerts", parseMaxResults, 100)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn monitor alerts churn", "cairn monitor alerts churn --since 7d --json"))
    .action(async (name: string, options: { since?: number; maxResults: number; json?: boolean }, command: Command) => {
      const { alerts } = await clientFor(command, io).monitors.alerts({ name, max_results: Math.min(options.maxResults, 10_000), ...(options.since !== undefined ? { since_ms: options.since } : {}) });
      if (options.json) writeJson(io.stdout, alerts);
      else writeLine(io.stdout, alerts.length === 0 ? `Monitor '${name}' has no alerts${options.since !== undefined ? " in that time" : ""}.` : alertTable(alerts));
    });

  const rule = monitor
    .command("rule")
    .description("add, list and delete a monitor's alert rules")
    .addHelpText("after", examples('cairn monitor rule add churn drift "drift_share > 0.3 for 2 windows" --cooldown 6h', "cairn monitor rule list churn", "cairn monitor rule delete churn drift"));

  rule
    .command("add")
    .description("add an alert rule: `figure op threshold [for N windows]` over each closed window's figures")
    .argument("<name>", "monitor name")
    .argument("<rule_name>", "a name for the rule")
    .argument("<expression>", "e.g. \"drift_share > 0.3 for 2 windows\", \"missing_rate(income) > 0.05\", \"f1 < 0.8\", \"p99_latency_ms > 50\"")
    .option("--for <windows>", "windows in a row the condition must hold (overrides the expression's 'for N windows')", parseWindows)
    .option("--cooldown <duration>", "after a notification, wait this long before notifying again, e.g. 1h (default 1h)", parseDuration)
    .option("--webhook <id>", "also notify this webhook (repeatable; webhooks subscribed to monitor alerts are always notified)", collect)
    .option("--disabled", "add the rule switched off")
    .option("--json", "print the new rule as JSON")
    .addHelpText(
      "after",
      examples('cairn monitor rule add churn drift "drift_share > 0.3 for 2 windows"', 'cairn monitor rule add churn slow "p99_latency_ms > 50" --cooldown 30m --webhook 4f2a', 'cairn monitor rule add churn income-missing "missing_rate(income) > 0.05"'),
    )
    .action(async (name: string, ruleName: string, expression: string, options: { for?: number; cooldown?: number; webhook?: string[]; disabled?: boolean; json?: boolean }, command: Command) => {
      const { rule: created } = await clientFor(command, io).monitors.createAlertRule({
        name,
        rule_name: ruleName,
        expression,
        ...(options.for !== undefined ? { for_windows: options.for } : {}),
        ...(options.cooldown !== undefined ? { cooldown_ms: options.cooldown } : {}),
        ...(options.webhook ? { webhook_ids: options.webhook } : {}),
        ...(options.disabled ? { enabled: false } : {}),
      });
      if (options.json) return writeJson(io.stdout, created);
      writeLine(io.stdout, `Added rule '${created.name}' (${created.rule_id}) to '${name}': ${created.expression}, for ${created.for_windows} window${created.for_windows === 1 ? "" : "s"}.`);
    });

  rule
    .command("list")
    .description("list a monitor's alert rules with their states")
    .argument("<name>", "monitor name")
    .option("--json", "print {rules, states} as JSON")
    .addHelpText("after", examples("cairn monitor rule list churn", "cairn monitor rule list churn --json"))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const answer = await clientFor(command, io).monitors.listAlertRules({ name });
      if (options.json) writeJson(io.stdout, answer);
      else writeLine(io.stdout, answer.rules.length === 0 ? `Monitor '${name}' has no alert rules. Add one with: cairn monitor rule add ${name} <rule_name> "<expression>"` : ruleTable(answer.rules, answer.states));
    });

  rule
    .command("delete")
    .description("delete an alert rule (its alert history stays)")
    .argument("<name>", "monitor name")
    .argument("<rule>", "rule id or name, as `cairn monitor rule list` shows it")
    .addHelpText("after", examples("cairn monitor rule delete churn drift", "cairn monitor rule delete churn 3c9e..."))
    .action(async (name: string, ruleRef: string, _options: unknown, command: Command) => {
      const client = clientFor(command, io);
      const ruleId = await findRuleId(client, name, ruleRef);
      await client.monitors.deleteAlertRule({ name, rule_id: ruleId });
      writeLine(io.stdout, `Deleted alert rule '${ruleRef}' of '${name}'.`);
    });

  monitor
    .command("evaluate")
    .description("evaluate the alert rules now on every window closed since the last evaluation (the server also does this on its own)")
    .argument("<name>", "monitor name")
    .option("--json", "print {evaluated_until_ms, evaluated_windows, alerts, superseded} as JSON")
    .addHelpText("after", examples("cairn monitor evaluate churn", "cairn monitor evaluate churn --json"))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const result = await clientFor(command, io).monitors.evaluate({ name });
      if (options.json) return writeJson(io.stdout, result);
      if (result.superseded) return writeLine(io.stdout, `Another server evaluated '${name}' first; see its alerts with: cairn monitor alerts ${name}`);
      writeLine(io.stdout, `Evaluated ${result.evaluated_windows} window${result.evaluated_windows === 1 ? "" : "s"} of '${name}' (up to ${formatTime(result.evaluated_until_ms)}): ${result.alerts.length} alert${result.alerts.length === 1 ? "" : "s"}.`);
      if (result.alerts.length > 0) writeLine(io.stdout, alertTable(result.alerts));
    });
}
