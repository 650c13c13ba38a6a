import { Option, type Command } from "commander";
import { invalidParameter, MONITOR_LIMITS } from "@cairn/core";
import type { MonitorSkewResult, RowSkew } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { abReportView, skewView } from "../output/monitor-ab-view.js";
import { rowBar } from "../output/row-progress.js";
import { columnsOf, openRowFile, requireColumns, ROW_FORMATS, type RowFormat } from "../rows/row-file.js";
import { afterRows } from "./monitor-events.js";
import { rangeOf, withRangeOptions } from "./monitor-report-command.js";
import { clientFor, examples } from "./shared.js";

const MAX_UNMATCHED = 100;
const MAX_EXAMPLES = 5;

/** Combines the row joins of two parts of one offline file: counts add, mean differences are weighted by rows compared. */
export function mergeRowSkew(a: RowSkew | undefined, b: RowSkew): RowSkew {
  if (!a) return b;
  const features = a.features.map((fa) => {
    const fb = b.features.find((f) => f.feature === fa.feature);
    if (!fb) return fa;
    const compared = fa.compared + fb.compared;
    const mismatches = fa.mismatches + fb.mismatches;
    const meanAbs =
      fa.mean_abs_diff === undefined && fb.mean_abs_diff === undefined ? undefined : compared > 0 ? ((fa.mean_abs_diff ?? 0) * fa.compared + (fb.mean_abs_diff ?? 0) * fb.compared) / compared : 0;
    return {
      feature: fa.feature,
      compared,
      mismatches,
      mismatch_rate: compared > 0 ? mismatches / compared : 0,
      ...(meanAbs !== undefined ? { mean_abs_diff: meanAbs } : {}),
      examples: [...fa.examples, ...fb.examples].slice(0, MAX_EXAMPLES),
    };
  });
  return { offline_rows: a.offline_rows + b.offline_rows, matched: a.matched + b.matched, unmatched_ids: [...a.unmatched_ids, ...b.unmatched_ids].slice(0, MAX_UNMATCHED), features };
}

interface SkewOptions {
  offline?: string;
  idColumn?: string;
  format?: RowFormat;
  from?: number;
  to?: number;
  progress?: boolean;
  json?: boolean;
}

/** `cairn monitor skew` (training/serving skew) and `cairn monitor ab` (variant verdicts). */
export function addMonitorSkewCommands(monitor: Command, io: CliIo): void {
  withRangeOptions(
    monitor
      .command("skew")
      .description("training/serving skew: the reference against served data per feature, and (with --offline) offline feature rows joined to served events by id")
      .argument("<name>", "monitor name"),
  )
    .option("--offline <file>", "offline features (.csv, .jsonl or .parquet) of requests that were served, to compare value by value")
    .option("--id-column <column>", "the offline file's request id column (with --offline)")
    .addOption(new Option("--format <format>", "file format when the extension does not say").choices(ROW_FORMATS))
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--json", "print {distribution, row_join} as JSON")
    .addHelpText("after", examples("cairn monitor skew churn", "cairn monitor skew churn --offline features.parquet --id-column request_id", "cairn monitor skew churn --offline f.csv --id-column id --from -1d --json"))
    .action(async (name: string, options: SkewOptions, command: Command) => {
      if (options.offline !== undefined && options.idColumn === undefined) throw invalidParameter("--offline needs --id-column: the column holding the request id each offline row was served under.");
      if (options.offline === undefined && options.idColumn !== undefined) throw invalidParameter("--id-column goes with --offline <file>.");
      const client = clientFor(command, io);
      const range = { name, ...rangeOf(options) };
      let skew: MonitorSkewResult;
      if (options.offline === undefined) {
        skew = await client.monitors.skew(range);
      } else {
        const idColumn = options.idColumn!;
        const file = await openRowFile(options.offline, { ...(options.format ? { format: options.format } : {}), textColumns: [idColumn] });
        const bar = rowBar(io, "skew", file.totalBytes, options.progress);
        let joined: RowSkew | undefined;
        let distribution: MonitorSkewResult["distribution"] = [];
        let sent = 0;
        try {
          for await (const chunk of file.chunks(MONITOR_LIMITS.eventsPerCall)) {
            if (sent === 0) requireColumns(file, file.columns ?? columnsOf(chunk.rows), [["--id-column", idColumn]]);
            const rows = chunk.rows.flatMap((row) => {
              const id = row[idColumn];
              if (id === null || id === undefined || id === "") return [];
              const { [idColumn]: _id, ...features } = row;
              return [{ id: String(id), features }];
            });
            const part = await client.monitors.skew({ ...range, rows });
            distribution = part.distribution;
            if (part.row_join) joined = mergeRowSkew(joined, part.row_join);
            sent = chunk.rowsRead;
            bar.update({ rows: chunk.rowsRead, bytesRead: chunk.bytesRead });
          }
        } catch (error) {
          throw afterRows(error, sent, "compared");
        } finally {
          bar.stop();
        }
        if (sent === 0) distribution = (await client.monitors.skew(range)).distribution;
        skew = { distribution, ...(joined ? { row_join: joined } : {}) };
      }
      if (options.json) writeJson(io.stdout, skew);
      else writeLine(io.stdout, skewView(skew));
    });

  withRangeOptions(
    monitor
      .command("ab")
      .description("compare a deployment's variants: error rate, latency and performance, with significance tests, effect sizes and confidence intervals")
      .argument("<name>", "monitor name"),
  )
    .option("--json", "print {variants, comparisons, summary} as JSON")
    .addHelpText("after", examples("cairn monitor ab churn-prod", "cairn monitor ab churn-prod --from -7d --json"))
    .action(async (name: string, options: { from?: number; to?: number; json?: boolean }, command: Command) => {
      const report = await clientFor(command, io).monitors.ab({ name, ...rangeOf(options) });
      if (options.json) writeJson(io.stdout, report);
      else writeLine(io.stdout, abReportView(report));
    });
}
