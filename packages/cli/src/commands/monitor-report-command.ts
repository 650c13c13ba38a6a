import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { monitorReportView } from "../output/monitor-report-view.js";
import { parseTimeBound } from "./monitor-options.js";
import { clientFor, examples } from "./shared.js";

/** --from/--to as the API's range fields. */
export function rangeOf(options: { from?: number; to?: number }): { start_time_ms?: number; end_time_ms?: number } {
  return { ...(options.from !== undefined ? { start_time_ms: options.from } : {}), ...(options.to !== undefined ? { end_time_ms: options.to } : {}) };
}

/** Adds the --from/--to options every range command takes. */
export function withRangeOptions(command: Command): Command {
  return command
    .option("--from <time>", "start of the range (inclusive): ISO time, a time ago such as -7d, or ms since the epoch (default: 30 days before --to)", parseTimeBound)
    .option("--to <time>", "end of the range (exclusive), same forms (default: now)", parseTimeBound);
}

/** `cairn monitor report`: drift, data quality, performance and skew over a range, as text, JSON or the server's HTML. */
export function addMonitorReportCommand(monitor: Command, io: CliIo): void {
  withRangeOptions(
    monitor
      .command("report")
      .description("show a monitor's report: drift per feature and of the dataset, missing and unseen values, prediction drift, performance, latency, data quality")
      .argument("<name>", "monitor name"),
  )
    .option("--html <file>", "write the server's HTML report to this file")
    .option("--json", "print the report as JSON")
    .addHelpText("after", examples("cairn monitor report churn", "cairn monitor report churn --from -7d", "cairn monitor report churn --from 2026-03-01 --to 2026-03-08 --html march.html", "cairn monitor report churn --json"))
    .action(async (name: string, options: { from?: number; to?: number; html?: string; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const range = { name, ...rangeOf(options) };
      if (options.html) {
        await writeFile(options.html, await client.monitors.reportHtml(range));
        // The note goes to stderr with --json so stdout stays one JSON document.
        writeLine(options.json ? io.stderr : io.stdout, `Wrote the HTML report of '${name}' to ${options.html}.`);
        if (!options.json) return;
      }
      const report = await client.monitors.report(range);
      if (options.json) writeJson(io.stdout, report);
      else writeLine(io.stdout, monitorReportView(report));
    });
}
