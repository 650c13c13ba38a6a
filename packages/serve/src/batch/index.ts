export { predictFile, type BatchModel, type PredictFileOptions, type PredictFileResult } from "./predict-file.js";
export { resolveInputColumns, type InputColumnsQuery } from "./input-columns.js";
export { scoreBatches, DEFAULT_BATCH_ROWS, type BatchProgress, type ScoreBatchesOptions, type ScoreBatchesResult } from "./score-batches.js";
export { openBatchSource } from "./open-batch-source.js";
export { openCsvSource, DEFAULT_CSV_CHUNK_BYTES, type CsvSourceOptions } from "./csv-source.js";
export { openParquetSource } from "./parquet-source.js";
export type { BatchSelection, BatchSource, FeatureBatch, KeptColumn, SourceColumnType } from "./batch-source.js";
export { tableFormatOf, type TableFormat } from "./table-writer.js";
export type { ParquetOutputOptions } from "./parquet-writer.js";
