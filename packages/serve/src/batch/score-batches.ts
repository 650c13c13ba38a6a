import { CairnError, invalidParameter, isCairnError } from "@cairn/core";
import type { OnnxModel, TensorValue } from "../onnx-model.js";
import type { BatchSource, KeptColumn } from "./batch-source.js";
import { createCsvWriter } from "./csv-writer.js";
import { createParquetWriter, type ParquetOutputOptions } from "./parquet-writer.js";
import { predictionColumns, type PredictionColumn } from "./prediction-columns.js";
import { tableFormatOf, type OutputColumn, type TableFormat, type TableWriter } from "./table-writer.js";
import { openTempOutput, type TempOutput } from "./temp-output.js";

/** Rows per model run when the caller does not say: large enough that per-run overhead vanishes. */
export const DEFAULT_BATCH_ROWS = 65_536;

/** Where scoring has got to, reported after every batch. */
export interface BatchProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  /** Known for Parquet inputs (their footer says), undefined for CSV. */
  totalRows: number | undefined;
}

/** What scoreBatches needs. */
export interface ScoreBatchesOptions {
  source: BatchSource;
  model: OnnxModel;
  /** The input file's columns to feed the model, in the order of its input tensor's last dimension. */
  inputColumns: readonly string[];
  /** Which model outputs to write (default: all of them, in the model's order). */
  outputNames?: readonly string[];
  /** Input columns copied to the output ahead of the predictions (an id, say). */
  keepColumns?: readonly string[];
  /** The output file; it appears only once complete. */
  outputPath: string;
  /** Default: from outputPath's extension. */
  outputFormat?: TableFormat;
  parquet?: ParquetOutputOptions;
  batchRows?: number;
  onProgress?: (progress: BatchProgress) => void;
}

/** What a finished scoring run did. */
export interface ScoreBatchesResult {
  rows: number;
  batches: number;
  outputPath: string;
  /** The output file's columns, in order. */
  columns: string[];
}

/**
 * Scores an input file batch by batch: packs the input columns of each batch into one float32
 * [rows, features] tensor, runs the model, and appends the kept columns and predictions to the
 * output, written under a temporary name and renamed into place at the end. Memory stays bounded
 * by the batch (or a Parquet row group), whatever the input's size.
 */
export async function scoreBatches(options: ScoreBatchesOptions): Promise<ScoreBatchesResult> {
  const { source, model } = options;
  const inputName = singleInput(model);
  const outputNames = checkOutputNames(model, options.outputNames);
  const features = [...options.inputColumns];
  const keep = [...(options.keepColumns ?? [])];
  if (features.length === 0) throw invalidParameter("Batch scoring needs at least one input column; name them with --columns or in the model's signature.");
  const format = options.outputFormat ?? tableFormatOf(options.outputPath, "output");
  const output = await openTempOutput(options.outputPath);
  let writer: TableWriter | undefined;
  let layout: string | undefined;
  let rows = 0;
  let batches = 0;
  let columns: OutputColumn[] = [];
  try {
    for await (const batch of source.batches({ features, keep, batchRows: options.batchRows ?? DEFAULT_BATCH_ROWS })) {
      const predictions = predictionColumns(await run(model, inputName, batch.features, batch.rows, features), outputNames, batch.rows);
      if (!writer) {
        columns = outputColumns(batch.kept, predictions);
        layout = describe(columns);
        writer = await openWriter(format, output, columns, options.parquet);
      } else if (describe(outputColumns(batch.kept, predictions)) !== layout) {
        throw invalidParameter(`The model's outputs changed shape or type between batches (now ${describe(outputColumns(batch.kept, predictions))}, first ${layout}); batch scoring needs one output layout.`);
      }
      await writer.write(batch.rows, [...batch.kept.map((column) => column.values), ...predictions.map((p) => p.values)]);
      rows += batch.rows;
      batches++;
      options.onProgress?.({ rows, bytesRead: source.bytesRead(), totalBytes: source.totalBytes, totalRows: source.totalRows });
    }
    if (!writer) {
      // No rows: run once on an empty batch to learn the prediction columns, so the output still has its header.
      const predictions = predictionColumns(await run(model, inputName, new Float32Array(0), 0, features), outputNames, 0);
      columns = outputColumns(keep.map((name) => ({ name, values: [] })), predictions);
      writer = await openWriter(format, output, columns, options.parquet);
    }
    await writer.finish();
  } catch (error) {
    try {
      await (writer ? writer.abort() : output.discard());
    } catch (cleanupError) {
      throw new AggregateError([error, cleanupError], `Scoring failed and its temporary output ${output.tempPath} could not be removed; see .errors.`);
    }
    throw error;
  }
  return { rows, batches, outputPath: options.outputPath, columns: columns.map((c) => c.name) };
}

function singleInput(model: OnnxModel): string {
  if (model.inputNames.length !== 1) {
    throw invalidParameter(`Batch scoring feeds the model one [rows, features] tensor, but this model has ${model.inputNames.length} inputs (${model.inputNames.map((n) => `'${n}'`).join(", ")}).`);
  }
  return model.inputNames[0]!;
}

function checkOutputNames(model: OnnxModel, requested: readonly string[] | undefined): readonly string[] {
  if (requested === undefined || requested.length === 0) return model.outputNames;
  const unknown = requested.filter((name) => !model.outputNames.includes(name));
  if (unknown.length > 0) {
    throw invalidParameter(`The model has no output ${unknown.map((n) => `'${n}'`).join(", ")}; its outputs are ${model.outputNames.map((n) => `'${n}'`).join(", ")}.`);
  }
  return requested;
}

async function run(model: OnnxModel, inputName: string, data: Float32Array, rows: number, features: string[]): Promise<Record<string, TensorValue>> {
  try {
    return await model.run({ [inputName]: { data, dims: [rows, features.length] } });
  } catch (error) {
    if (!isCairnError(error)) throw error;
    // Say what was fed: the usual cause is a column list that does not match the model's width.
    throw new CairnError(error.code, `${error.message} (it was fed ${features.length} column${features.length === 1 ? "" : "s"}: ${features.join(", ")})`, { cause: error });
  }
}

function outputColumns(kept: readonly KeptColumn[], predictions: readonly PredictionColumn[]): OutputColumn[] {
  const columns: OutputColumn[] = [
    ...kept.map((k): OutputColumn => ({ name: k.name, kind: "kept", ...(k.sourceType ? { sourceType: k.sourceType } : {}) })),
    ...predictions.map((p) => p.column),
  ];
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) throw invalidParameter(`The output would have two columns named '${column.name}' (a kept column and a model output); keep a column of another name.`);
    seen.add(column.name);
  }
  return columns;
}

function describe(columns: readonly OutputColumn[]): string {
  return columns.map((c) => `${c.name}:${c.kind}`).join(", ");
}

async function openWriter(format: TableFormat, output: TempOutput, columns: OutputColumn[], parquet: ParquetOutputOptions | undefined): Promise<TableWriter> {
  return format === "csv" ? createCsvWriter(output, columns) : createParquetWriter(output, columns, parquet);
}
