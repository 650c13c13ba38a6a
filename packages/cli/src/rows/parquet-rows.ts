import { CairnError } from "@cairn/core";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema, type FileMetaData } from "hyparquet";
import { fileSize } from "./open-file.js";
import type { Row, RowChunk, RowFile } from "./row-file.js";

/** A Parquet value as JSON can carry it: int64 as a number (or text beyond 2^53), timestamps as ISO text. */
export function parquetValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value === undefined) return null;
  return value;
}

/** A Parquet file read in slices of rows (only one slice decoded at a time). */
export async function openParquetRows(path: string): Promise<RowFile> {
  const totalBytes = await fileSize(path);
  const file = await asyncBufferFromFile(path);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw notParquet(path, error);
  }
  const columns = parquetSchema(metadata).children.map((child) => child.element.name);
  const totalRows = Number(metadata.num_rows);
  return {
    path,
    format: "parquet",
    columns,
    totalBytes,
    totalRows,
    async *chunks(chunkRows: number): AsyncGenerator<RowChunk> {
      for (let start = 0; start < totalRows; start += chunkRows) {
        const end = Math.min(totalRows, start + chunkRows);
        let records: Record<string, unknown>[];
        try {
          records = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
        } catch (error) {
          throw notParquet(path, error);
        }
        const rows: Row[] = records.map((record) => {
          const row: Row = {};
          for (const key of columns) row[key] = parquetValue(record[key]);
          return row;
        });
        yield { rows, rowsRead: end, bytesRead: Math.round((totalBytes * end) / totalRows) };
      }
    },
  };
}

function notParquet(path: string, error: unknown): CairnError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CairnError("INVALID_PARAMETER_VALUE", `${path} is not a readable Parquet file (${reason}); check that it was written completely, or pass --format if it is CSV or JSON lines.`, { cause: error });
}
