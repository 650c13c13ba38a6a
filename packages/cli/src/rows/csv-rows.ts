import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { CairnError } from "@cairn/core";
import { fileSize } from "./open-file.js";
import type { Row, RowChunk, RowFile } from "./row-file.js";

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A CSV cell as a value: empty is missing (null), numeric text a number, the rest text. */
export function csvValue(text: string): unknown {
  if (text === "") return null;
  return NUMBER.test(text) ? Number(text) : text;
}

/** A CSV file with a header line, read as records; textColumns keep their text (an id "007" stays "007"). */
export async function openCsvRows(path: string, textColumns: ReadonlySet<string>): Promise<RowFile> {
  const totalBytes = await fileSize(path);
  const columns = await readHeader(path);
  return {
    path,
    format: "csv",
    columns,
    totalBytes,
    totalRows: undefined,
    async *chunks(chunkRows: number): AsyncGenerator<RowChunk> {
      const stream = createReadStream(path);
      const parser = stream.pipe(
        parse({ columns: true, bom: true, skip_empty_lines: true, cast: (value, context) => (context.header || textColumns.has(String(context.column)) ? value : csvValue(value)) }),
      );
      let rows: Row[] = [];
      let rowsRead = 0;
      try {
        for await (const record of parser) {
          rows.push(record as Row);
          rowsRead++;
          if (rows.length >= chunkRows) {
            yield { rows, rowsRead, bytesRead: stream.bytesRead };
            rows = [];
          }
        }
      } catch (error) {
        throw notCsv(path, error);
      } finally {
        stream.destroy();
      }
      if (rows.length > 0) yield { rows, rowsRead, bytesRead: totalBytes };
    },
  };
}

/** The header line's names (an empty file has none). */
async function readHeader(path: string): Promise<string[]> {
  const stream = createReadStream(path);
  const parser = stream.pipe(parse({ bom: true, to_line: 1, skip_empty_lines: true }));
  try {
    for await (const header of parser) return (header as string[]).map(String);
    return [];
  } catch (error) {
    throw notCsv(path, error);
  } finally {
    stream.destroy();
  }
}

function notCsv(path: string, error: unknown): CairnError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CairnError("INVALID_PARAMETER_VALUE", `${path} is not a readable CSV file with a header line (${reason}). Fix the file, or pass --format if it is JSON lines or Parquet.`, { cause: error });
}
