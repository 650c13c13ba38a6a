import { Option, type Command } from "commander";
import { invalidParameter, MONITOR_TASKS, type DriftMethod, type MonitorFeature, type MonitorFeatureKind, type MonitorTask } from "@cairn/core";
import { buildMonitorReference, encodeMonitorReference, inferFeatures, resolveMonitorConfig, validateMonitorName } from "@cairn/monitor";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatDurationMs, monitorTarget } from "../output/monitor-views.js";
import { rowBar } from "../output/row-progress.js";
import { columnsOf, openRowFile, requireColumns, ROW_FORMATS, type Row, type RowFormat } from "../rows/row-file.js";
import { withReferenceFile } from "./monitor-reference.js";
import { collect, parseDuration, parseFeatureType, parseMethod, parseShare, parseThreshold } from "./monitor-options.js";
import { clientFor, examples } from "./shared.js";

interface CreateOptions {
  model?: string;
  deployment?: string;
  reference: string;
  format?: RowFormat;
  label?: string;
  prediction?: string;
  score?: string;
  window?: number;
  task?: MonitorTask;
  featureType?: Record<string, MonitorFeatureKind>;
  method?: Record<string, DriftMethod>;
  threshold?: Record<string, number>;
  exclude?: string[];
  driftShare?: number;
  bh?: boolean;
  description?: string;
  progress?: boolean;
  json?: boolean;
}

/** The inferred features with the --method and --threshold overrides; a name that is not a feature is refused. */
export function applyFeatureSettings(features: MonitorFeature[], methods: Record<string, DriftMethod> = {}, thresholds: Record<string, number> = {}): MonitorFeature[] {
  const names = new Set(features.map((f) => f.name));
  for (const [option, map] of [["--method", methods], ["--threshold", thresholds]] as const) {
    for (const column of Object.keys(map)) {
      if (!names.has(column)) throw invalidParameter(`${option} names '${column}', which is not a feature of this monitor; features: ${[...names].join(", ")}.`);
    }
  }
  return features.map((f) => ({ ...f, ...(methods[f.name] ? { method: methods[f.name] } : {}), ...(thresholds[f.name] !== undefined ? { threshold: thresholds[f.name] } : {}) }));
}

/** `cairn monitor create`: profiles a reference file locally and creates the monitor with the profile. */
export function addMonitorCreateCommand(monitor: Command, io: CliIo): void {
  monitor
    .command("create")
    .description("create a monitor of a registered model or a deployment; the reference file is profiled here and only its profile is sent")
    .argument("<name>", "monitor name: 1 to 63 letters, digits, '_', '.' and '-', starting with a letter or digit")
    .addOption(new Option("--model <name>", "registered model to watch (all its versions)").conflicts("deployment"))
    .option("--deployment <name>", "deployment to watch (its variants are told apart by model version)")
    .requiredOption("--reference <file>", "training or validation data: a .csv, .jsonl or .parquet file, or runs:/<run_id>/<path> of a run's artifact")
    .addOption(new Option("--format <format>", "file format when the extension does not say").choices(ROW_FORMATS))
    .option("--label <column>", "ground-truth column (reference performance, and the calibration of estimated performance)")
    .option("--prediction <column>", "the model's prediction column (prediction drift)")
    .option("--score <column>", "the model's positive-class probability column (binary classification: AUC, estimated performance)")
    .option("--window <duration>", "length of one window, e.g. 30m, 1h, 1d (default 1h)", parseDuration)
    .addOption(new Option("--task <task>", "what the model predicts (decides the performance figures)").choices(MONITOR_TASKS))
    .option("--feature-type <column=kind>", "force a column's kind: numeric or categorical (repeatable)", parseFeatureType)
    .option("--method <column=method>", "drift method of a feature, e.g. income=psi (repeatable; default: chosen from the reference)", parseMethod)
    .option("--threshold <column=value>", "drift threshold of a feature, e.g. income=0.2 (repeatable)", parseThreshold)
    .option("--exclude <column>", "a column that is not a feature, such as an id (repeatable)", collect)
    .option("--drift-share <share>", "dataset drift when at least this share of features drifted (default 0.5)", parseShare)
    .option("--bh", "apply Benjamini-Hochberg across the features' p-values (fewer false alarms with many features)")
    .option("--description <text>", "what the monitor is for")
    .option("--progress", "show progress bars on stderr even when it is not a terminal")
    .option("--json", "print the new monitor as JSON")
    .addHelpText(
      "after",
      examples(
        "cairn monitor create churn --model churn --reference train.parquet --label churned --score p_churn --task binary_classification",
        "cairn monitor create churn-prod --deployment churn-prod --reference runs:/1a2b3c/data/valid.csv --exclude customer_id --window 30m",
        "cairn monitor create prices --model prices --reference ref.jsonl --task regression --label price --method sqft=wasserstein --threshold sqft=0.2 --bh",
      ),
    )
    .action(async (name: string, options: CreateOptions, command: Command) => {
      validateMonitorName(name);
      if (!options.model && !options.deployment) throw invalidParameter("A monitor watches a registered model or a deployment: pass --model <name> or --deployment <name>.");
      const client = clientFor(command, io);
      const { monitor } = await withReferenceFile(client, io, options.reference, options.progress, async (path, source) => {
        const rows = await readReference(io, path, options);
        const exclude = [options.label, options.prediction, options.score, ...(options.exclude ?? [])].filter((c): c is string => c !== undefined);
        const features = applyFeatureSettings(inferFeatures(rows, { exclude, overrides: options.featureType ?? {} }), options.method, options.threshold);
        const settings = {
          features,
          ...(options.task ? { task: options.task } : {}),
          ...(options.window !== undefined ? { window_ms: options.window } : {}),
          ...(options.driftShare !== undefined ? { drift_share: options.driftShare } : {}),
          ...(options.bh ? { bh_correction: true } : {}),
        };
        const config = resolveMonitorConfig(settings);
        const reference = buildMonitorReference(rows, config, {
          ...(options.label ? { labelColumn: options.label } : {}),
          ...(options.prediction ? { predictionColumn: options.prediction } : {}),
          ...(options.score ? { scoreColumn: options.score } : {}),
        });
        return client.monitors.create({
          name,
          ...(options.model ? { model_name: options.model } : { deployment: options.deployment! }),
          ...(options.description ? { description: options.description } : {}),
          config: settings,
          reference_profile: Buffer.from(encodeMonitorReference(reference)).toString("base64"),
          reference_source: source,
        });
      });
      if (options.json) return writeJson(io.stdout, monitor);
      const c = monitor.config;
      writeLine(io.stdout, `Created monitor '${monitor.name}' watching ${monitorTarget(monitor)}: ${c.features.length} features (${c.features.map((f) => `${f.name} ${f.kind}`).join(", ")}), windows of ${formatDurationMs(c.window_ms)}.`);
      writeLine(io.stdout, `Reference: ${monitor.reference.rows} rows (${monitor.reference.labeled_rows} labeled) from ${monitor.reference.source}.`);
      writeLine(io.stdout, `Feed it with: cairn monitor ingest ${monitor.name} <events file>`);
    });
}

/** Reads the whole reference (it is profiled at once), with a bar, checking the named columns exist. */
async function readReference(io: CliIo, path: string, options: CreateOptions): Promise<Row[]> {
  const file = await openRowFile(path, options.format ? { format: options.format } : {});
  const bar = rowBar(io, "reading reference", file.totalBytes, options.progress);
  const rows: Row[] = [];
  try {
    for await (const chunk of file.chunks(65_536)) {
      for (const row of chunk.rows) rows.push(row);
      bar.update({ rows: chunk.rowsRead, bytesRead: chunk.bytesRead });
    }
  } finally {
    bar.stop();
  }
  if (rows.length === 0) throw invalidParameter(`The reference ${path} has no rows; a reference needs the data the model was trained or validated on.`);
  const columns = file.columns ?? columnsOf(rows);
  requireColumns(file, columns, [
    ["--label", options.label],
    ["--prediction", options.prediction],
    ["--score", options.score],
    ...(options.exclude ?? []).map((c) => ["--exclude", c] as const),
    ...Object.keys(options.featureType ?? {}).map((c) => ["--feature-type", c] as const),
  ]);
  return rows;
}
