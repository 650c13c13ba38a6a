import { Option, type Command } from "commander";
import { MONITOR_LIMITS, type MonitorIngestResult, type MonitorLabelResult } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { rowBar } from "../output/row-progress.js";
import { columnsOf, openRowFile, requireColumns, ROW_FORMATS, type RowChunk, type RowFile, type RowFormat } from "../rows/row-file.js";
import { afterRows, rowsToEvents, rowsToLabels, type EventColumns } from "./monitor-events.js";
import { clientFor, examples } from "./shared.js";

interface IngestOptions {
  format?: RowFormat;
  timestampColumn?: string;
  idColumn?: string;
  predictionColumn?: string;
  scoreColumn?: string;
  labelColumn?: string;
  variantColumn?: string;
  progress?: boolean;
  json?: boolean;
}

interface LabelsOptions {
  format?: RowFormat;
  idColumn: string;
  labelColumn: string;
  progress?: boolean;
  json?: boolean;
}

const DEFAULT_ID_COLUMN = "request_id";
const DEFAULT_TIMESTAMP_COLUMN = "timestamp";

/**
 * Streams a file's chunks of MONITOR_LIMITS.eventsPerCall rows through send with a progress bar.
 * The first chunk's columns are checked before anything is sent; an error after some chunks were
 * sent says how many rows had gone.
 */
async function streamChunks(io: CliIo, file: RowFile, label: string, progress: boolean | undefined, check: (columns: string[]) => void, send: (chunk: RowChunk, firstRow: number) => Promise<void>): Promise<number> {
  const bar = rowBar(io, label, file.totalBytes, progress);
  let sent = 0;
  try {
    for await (const chunk of file.chunks(MONITOR_LIMITS.eventsPerCall)) {
      if (sent === 0) check(file.columns ?? columnsOf(chunk.rows));
      await send(chunk, sent + 1);
      sent = chunk.rowsRead;
      bar.update({ rows: chunk.rowsRead, bytesRead: chunk.bytesRead });
    }
  } catch (error) {
    throw afterRows(error, sent, "sent");
  } finally {
    bar.stop();
  }
  return sent;
}

/** `cairn monitor ingest` and `cairn monitor labels`: feed a monitor events and late labels from files. */
export function addMonitorIngestCommands(monitor: Command, io: CliIo, requireMonitor: (client: CairnClient, name: string) => Promise<unknown>): void {
  const formatOption = () => new Option("--format <format>", "file format when the extension does not say").choices(ROW_FORMATS);

  monitor
    .command("ingest")
    .description("send the events of a CSV, JSON-lines or Parquet file to a monitor in batches of 10,000; columns not named by an option are features")
    .argument("<name>", "monitor name")
    .argument("<file>", "events: .csv (with a header line), .jsonl or .parquet")
    .addOption(formatOption())
    .option("--timestamp-column <column>", `event time: ms since the epoch or ISO time (default: '${DEFAULT_TIMESTAMP_COLUMN}' when present, else now)`)
    .option("--id-column <column>", `request id, which joins late labels and makes resending harmless (default: '${DEFAULT_ID_COLUMN}' when present)`)
    .option("--prediction-column <column>", "the model's prediction")
    .option("--score-column <column>", "the model's positive-class probability")
    .option("--label-column <column>", "ground truth known at prediction time (most arrives later: cairn monitor labels)")
    .option("--variant-column <column>", "which model answered (a deployment's model version), for cairn monitor ab")
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--json", "print {rows, accepted, duplicates, quality_issues} as JSON")
    .addHelpText(
      "after",
      examples(
        "cairn monitor ingest churn events.parquet --timestamp-column ts --prediction-column churned_pred --score-column p_churn",
        "cairn monitor ingest churn-prod served.jsonl --id-column req --variant-column model_version",
        "cairn monitor ingest churn today.csv --format csv --json",
      ),
    )
    .action(async (name: string, path: string, options: IngestOptions, command: Command) => {
      const client = clientFor(command, io);
      await requireMonitor(client, name);
      const idColumn = options.idColumn;
      const file = await openRowFile(path, { ...(options.format ? { format: options.format } : {}), textColumns: [idColumn ?? DEFAULT_ID_COLUMN, options.variantColumn].filter((c): c is string => c !== undefined) });
      const total: MonitorIngestResult = { accepted: 0, duplicates: 0, quality_issues: 0 };
      let columns: EventColumns = {};
      const rows = await streamChunks(
        io,
        file,
        "ingest",
        options.progress,
        (seen) => {
          requireColumns(file, seen, [
            ["--timestamp-column", options.timestampColumn],
            ["--id-column", idColumn],
            ["--prediction-column", options.predictionColumn],
            ["--score-column", options.scoreColumn],
            ["--label-column", options.labelColumn],
            ["--variant-column", options.variantColumn],
          ]);
          columns = {
            id: idColumn ?? (seen.includes(DEFAULT_ID_COLUMN) ? DEFAULT_ID_COLUMN : undefined),
            timestamp: options.timestampColumn ?? (seen.includes(DEFAULT_TIMESTAMP_COLUMN) ? DEFAULT_TIMESTAMP_COLUMN : undefined),
            prediction: options.predictionColumn,
            score: options.scoreColumn,
            label: options.labelColumn,
            variant: options.variantColumn,
          };
        },
        async (chunk, firstRow) => {
          const result = await client.monitors.ingest({ name, events: rowsToEvents(chunk.rows, columns, firstRow) });
          total.accepted += result.accepted;
          total.duplicates += result.duplicates;
          total.quality_issues += result.quality_issues;
        },
      );
      if (options.json) return writeJson(io.stdout, { rows, ...total });
      writeLine(io.stdout, `Ingested ${rows} rows into '${name}': ${total.accepted} accepted, ${total.duplicates} duplicates (request ids already stored), ${total.quality_issues} data-quality issues.`);
      if (total.quality_issues > 0) writeLine(io.stdout, `See the issues by feature with: cairn monitor report ${name}`);
    });

  monitor
    .command("labels")
    .description("attach late ground-truth labels to ingested events by request id (the first label of an id is kept)")
    .argument("<name>", "monitor name")
    .argument("<file>", "labels: .csv, .jsonl or .parquet with an id and a label column")
    .addOption(formatOption())
    .option("--id-column <column>", "request id column", DEFAULT_ID_COLUMN)
    .option("--label-column <column>", "label column", "label")
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--json", "print {rows, updated, skipped, unknown_request_ids, already_labeled} as JSON")
    .addHelpText("after", examples("cairn monitor labels churn outcomes.csv", "cairn monitor labels churn outcomes.parquet --id-column req --label-column churned --json"))
    .action(async (name: string, path: string, options: LabelsOptions, command: Command) => {
      const client = clientFor(command, io);
      await requireMonitor(client, name);
      const file = await openRowFile(path, { ...(options.format ? { format: options.format } : {}), textColumns: [options.idColumn] });
      const total: MonitorLabelResult & { skipped: number } = { updated: 0, skipped: 0, unknown_request_ids: [], already_labeled: [] };
      const rows = await streamChunks(
        io,
        file,
        "labels",
        options.progress,
        (seen) => requireColumns(file, seen, [["--id-column", options.idColumn], ["--label-column", options.labelColumn]]),
        async (chunk, firstRow) => {
          const { labels, skipped } = rowsToLabels(chunk.rows, options.idColumn, options.labelColumn, firstRow);
          total.skipped += skipped;
          if (labels.length === 0) return;
          const result = await client.monitors.labels({ name, labels });
          total.updated += result.updated;
          total.unknown_request_ids.push(...result.unknown_request_ids);
          total.already_labeled.push(...result.already_labeled);
        },
      );
      if (options.json) return writeJson(io.stdout, { rows, ...total });
      writeLine(io.stdout, `Labeled ${total.updated} of ${rows} events in '${name}'.`);
      if (total.skipped > 0) writeLine(io.stdout, `${total.skipped} rows had no label and were skipped.`);
      if (total.already_labeled.length > 0) writeLine(io.stdout, `${total.already_labeled.length} ids already had a label (the first is kept): ${preview(total.already_labeled)}`);
      if (total.unknown_request_ids.length > 0) {
        writeLine(io.stdout, `${total.unknown_request_ids.length} ids match no stored event (never ingested with that id, or past retention): ${preview(total.unknown_request_ids)}`);
      }
    });
}

function preview(ids: readonly string[]): string {
  return ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")}, ...`;
}
