import { invalidParameter } from "@cairn/core";
import type { InputSignature } from "../model/model-signature.js";
import type { OnnxModel } from "../onnx-model.js";
import { resolveInputColumns } from "./input-columns.js";
import { openBatchSource } from "./open-batch-source.js";
import { scoreBatches, type BatchProgress, type ScoreBatchesResult } from "./score-batches.js";
import { tableFormatOf } from "./table-writer.js";

/** A loaded model as batch scoring needs it: the session (with its input's declared shape and type when known) and the MLmodel signature. */
export interface BatchModel {
  onnx: OnnxModel & { readonly inputs?: readonly { name: string; type: string; shape: readonly (number | string)[] }[] };
  signature: InputSignature;
}

/** What predictFile needs. */
export interface PredictFileOptions {
  model: BatchModel;
  input: string;
  output: string;
  /** --columns: the feature columns in model order (default: from the signature or the file). */
  columns?: readonly string[];
  keepColumns?: readonly string[];
  outputNames?: readonly string[];
  batchRows?: number;
  /** Called once the input is open and its feature columns are chosen, before any row is scored. */
  onStart?: (info: { columns: readonly string[]; totalBytes: number; totalRows: number | undefined }) => void;
  onProgress?: (progress: BatchProgress) => void;
}

/** What predictFile did: scoreBatches' result plus the feature columns it fed the model. */
export interface PredictFileResult extends ScoreBatchesResult {
  inputColumns: string[];
}

/** Scores a .csv or .parquet file with a loaded model into a .csv or .parquet file (formats from the extensions). */
export async function predictFile(options: PredictFileOptions): Promise<PredictFileResult> {
  tableFormatOf(options.output, "output"); // a bad output name fails before the input is opened
  const { onnx, signature } = options.model;
  const input = onnx.inputs?.[0];
  if (input && input.type !== "float32") {
    throw invalidParameter(`Batch scoring feeds the model float32 features, but its input '${input.name}' takes ${input.type}; export the model with a float input (skl2onnx: FloatTensorType).`);
  }
  const source = await openBatchSource(options.input);
  try {
    const inputColumns = resolveInputColumns({
      signature,
      inputShape: input?.shape,
      explicit: options.columns,
      fileColumns: source.columnNames,
      keep: options.keepColumns,
    });
    options.onStart?.({ columns: inputColumns, totalBytes: source.totalBytes, totalRows: source.totalRows });
    const result = await scoreBatches({
      source,
      model: onnx,
      inputColumns,
      keepColumns: options.keepColumns,
      outputNames: options.outputNames,
      outputPath: options.output,
      batchRows: options.batchRows,
      onProgress: options.onProgress,
    });
    return { ...result, inputColumns };
  } finally {
    await source.close();
  }
}
