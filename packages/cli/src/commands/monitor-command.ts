import { Option, type Command } from "commander";
import { invalidParameter, type DriftMethod, type Monitor, type MonitorFeature } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { monitorDetails, monitorTable } from "../output/monitor-views.js";
import { addMonitorAlertCommands } from "./monitor-alerts-command.js";
import { addMonitorCreateCommand } from "./monitor-create-command.js";
import { addMonitorIngestCommands } from "./monitor-ingest-command.js";
import { parseDuration, parseMethod, parseShare, parseThreshold } from "./monitor-options.js";
import { addMonitorReportCommand } from "./monitor-report-command.js";
import { addMonitorSkewCommands } from "./monitor-skew-command.js";
import { clientFor, collectPages, DEFAULT_MAX_RESULTS, examples, noteTruncated, parseMaxResults } from "./shared.js";

const DAY_MS = 86_400_000;

/** The monitor, fetched first so that a file is not read for a monitor that does not exist (RESOURCE_DOES_NOT_EXIST, exit 14). */
async function requireMonitor(client: CairnClient, name: string): Promise<Monitor> {
  return (await client.monitors.get({ name })).monitor;
}

interface UpdateOptions {
  method?: Record<string, DriftMethod>;
  threshold?: Record<string, number>;
  driftShare?: number;
  bh?: boolean;
  retention?: number;
  description?: string;
  json?: boolean;
}

/** The stored features with --method/--threshold applied; the server replaces features by name, so only changed ones are sent. */
function changedFeatures(monitor: Monitor, options: UpdateOptions): MonitorFeature[] | undefined {
  const names = new Set([...Object.keys(options.method ?? {}), ...Object.keys(options.threshold ?? {})]);
  if (names.size === 0) return undefined;
  return [...names].map((name) => {
    const stored = monitor.config.features.find((f) => f.name === name);
    if (!stored) throw invalidParameter(`'${name}' is not a feature of monitor '${monitor.name}'; its features are: ${monitor.config.features.map((f) => f.name).join(", ")}.`);
    const method = options.method?.[name];
    const threshold = options.threshold?.[name];
    return { ...stored, ...(method ? { method } : {}), ...(threshold !== undefined ? { threshold } : {}) };
  });
}

/** `cairn monitor ...`: monitors of models in production, their data, reports and alerts. */
export function addMonitorCommand(program: Command, io: CliIo): void {
  const monitor = program
    .command("monitor")
    .description("monitor models in production: drift, data quality, performance, training/serving skew, A/B verdicts and alerts")
    .addHelpText(
      "after",
      examples(
        "cairn monitor create churn --model churn --reference train.parquet --label churned --score p_churn --task binary_classification",
        "cairn monitor ingest churn events.parquet --timestamp-column ts --score-column p_churn",
        "cairn monitor labels churn outcomes.csv --label-column churned",
        "cairn monitor report churn --from -7d",
        'cairn monitor rule add churn drift "drift_share > 0.3 for 2 windows"',
      ),
    );

  addMonitorCreateCommand(monitor, io);

  monitor
    .command("list")
    .description("list monitors by name")
    .addOption(new Option("--model <name>", "only monitors of this registered model"))
    .option("--deployment <name>", "only monitors of this deployment")
    .option("--max-results <n>", "stop after this many monitors", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn monitor list", "cairn monitor list --model churn --json", "cairn monitor list --deployment churn-prod"))
    .action(async (options: { model?: string; deployment?: string; maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages<Monitor>(options.maxResults, async (max_results, page_token) => {
        const page = await client.monitors.search({
          ...(options.model ? { model_name: options.model } : {}),
          ...(options.deployment ? { deployment: options.deployment } : {}),
          max_results: Math.min(max_results, 1000),
          ...(page_token ? { page_token } : {}),
        });
        return { items: page.monitors, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No monitors found. Create one with: cairn monitor create <name> --model <model> --reference <file>" : monitorTable(items));
      noteTruncated(io, items.length, more);
    });

  monitor
    .command("get")
    .description("show a monitor's settings, reference and features")
    .argument("<name>", "monitor name")
    .option("--json", "print the monitor as JSON")
    .addHelpText("after", examples("cairn monitor get churn", "cairn monitor get churn --json"))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const found = await requireMonitor(clientFor(command, io), name);
      if (options.json) writeJson(io.stdout, found);
      else writeLine(io.stdout, monitorDetails(found));
    });

  monitor
    .command("update")
    .description("change a monitor's settings: per-feature methods and thresholds, dataset drift share, retention")
    .argument("<name>", "monitor name")
    .option("--method <column=method>", "drift method of a feature (repeatable)", parseMethod)
    .option("--threshold <column=value>", "drift threshold of a feature (repeatable)", parseThreshold)
    .option("--drift-share <share>", "dataset drift when at least this share of features drifted", parseShare)
    .option("--bh", "apply Benjamini-Hochberg across the features' p-values")
    .option("--no-bh", "stop applying Benjamini-Hochberg")
    .option("--retention <duration>", "how long raw events are kept for late labels and row-joined skew, in days, e.g. 30d", parseDuration)
    .option("--description <text>", "what the monitor is for")
    .option("--json", "print the updated monitor as JSON")
    .addHelpText("after", examples("cairn monitor update churn --method income=psi --threshold income=0.25", "cairn monitor update churn --drift-share 0.3 --bh --retention 90d"))
    .action(async (name: string, options: UpdateOptions, command: Command) => {
      const client = clientFor(command, io);
      const current = await requireMonitor(client, name);
      const features = changedFeatures(current, options);
      if (options.retention !== undefined && options.retention % DAY_MS !== 0) throw invalidParameter(`--retention is kept in whole days; give e.g. 30d or 2w, not ${options.retention / DAY_MS} days.`);
      const config = {
        ...(features ? { features } : {}),
        ...(options.driftShare !== undefined ? { drift_share: options.driftShare } : {}),
        ...(options.bh !== undefined ? { bh_correction: options.bh } : {}),
        ...(options.retention !== undefined ? { raw_retention_days: options.retention / DAY_MS } : {}),
      };
      if (Object.keys(config).length === 0 && options.description === undefined) {
        throw invalidParameter("Nothing to change: pass --method, --threshold, --drift-share, --bh/--no-bh, --retention or --description.");
      }
      const { monitor: updated } = await client.monitors.update({ name, ...(options.description !== undefined ? { description: options.description } : {}), ...(Object.keys(config).length > 0 ? { config } : {}) });
      if (options.json) writeJson(io.stdout, updated);
      else writeLine(io.stdout, `Updated monitor '${name}'.\n\n${monitorDetails(updated)}`);
    });

  monitor
    .command("delete")
    .description("delete a monitor with its windows, events, alert rules and alerts")
    .argument("<name>", "monitor name")
    .addHelpText("after", examples("cairn monitor delete churn-old"))
    .action(async (name: string, _options: unknown, command: Command) => {
      await clientFor(command, io).monitors.delete({ name });
      writeLine(io.stdout, `Deleted monitor '${name}'.`);
    });

  addMonitorIngestCommands(monitor, io, requireMonitor);
  addMonitorReportCommand(monitor, io);
  addMonitorSkewCommands(monitor, io);
  addMonitorAlertCommands(monitor, io);
}
