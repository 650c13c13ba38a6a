import type { BatchSource } from "./batch-source.js";
import { openCsvSource } from "./csv-source.js";
import { openParquetSource } from "./parquet-source.js";
import { tableFormatOf, type TableFormat } from "./table-writer.js";

/** Opens a .csv or .parquet input for batch reading (format from the extension unless given). */
export async function openBatchSource(path: string, format: TableFormat = tableFormatOf(path, "input")): Promise<BatchSource> {
  return format === "csv" ? openCsvSource(path) : openParquetSource(path);
}
