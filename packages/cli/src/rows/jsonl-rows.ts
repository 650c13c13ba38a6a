import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { CairnError, invalidParameter } from "@cairn/core";
import { fileSize } from "./open-file.js";
import type { Row, RowChunk, RowFile } from "./row-file.js";

/** A JSON-lines file: one JSON object per line; blank lines are skipped. */
export async function openJsonLinesRows(path: string): Promise<RowFile> {
  const totalBytes = await fileSize(path);
  return {
    path,
    format: "jsonl",
    columns: undefined,
    totalBytes,
    totalRows: undefined,
    async *chunks(chunkRows: number): AsyncGenerator<RowChunk> {
      const stream = createReadStream(path);
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      let rows: Row[] = [];
      let rowsRead = 0;
      let lineNo = 0;
      try {
        for await (const line of lines) {
          lineNo++;
          if (line.trim() === "") continue;
          rows.push(parseLine(path, line, lineNo));
          rowsRead++;
          if (rows.length >= chunkRows) {
            yield { rows, rowsRead, bytesRead: stream.bytesRead };
            rows = [];
          }
        }
      } finally {
        lines.close();
        stream.destroy();
      }
      if (rows.length > 0) yield { rows, rowsRead, bytesRead: totalBytes };
    },
  };
}

function parseLine(path: string, line: string, lineNo: number): Row {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `${path} line ${lineNo} is not JSON (${(error as Error).message}); a JSON-lines file holds one object per line, e.g. {"age": 31, "plan": "pro"}.`, { cause: error });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParameter(`${path} line ${lineNo} is not a JSON object; a JSON-lines file holds one object per line, e.g. {"age": 31, "plan": "pro"}.`);
  }
  return value as Row;
}
