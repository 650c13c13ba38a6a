import { formatFloat32, formatValue, quoteCell } from "./csv-cells.js";
import type { OutputColumn, TableWriter } from "./table-writer.js";
import type { TempOutput } from "./temp-output.js";

type CellFormatter = (values: ArrayLike<unknown>, row: number) => string;

const FORMATTERS: Record<OutputColumn["kind"], CellFormatter> = {
  float32: (values, row) => formatFloat32(values[row] as number),
  float64: (values, row) => String(values[row]),
  int32: (values, row) => String(values[row]),
  int64: (values, row) => String(values[row]),
  string: (values, row) => quoteCell(values[row] as string),
  kept: (values, row) => formatValue(values[row]),
};

/** Writes a CSV file (header, then LF-terminated rows) into a temporary output, one batch per write. */
export async function createCsvWriter(output: TempOutput, columns: readonly OutputColumn[]): Promise<TableWriter> {
  const formatters = columns.map((column) => FORMATTERS[column.kind]);
  await output.append(`${columns.map((column) => quoteCell(column.name)).join(",")}\n`);
  return {
    async write(rows, values) {
      const lines = new Array<string>(rows);
      const cells = new Array<string>(columns.length);
      for (let i = 0; i < rows; i++) {
        for (let c = 0; c < formatters.length; c++) cells[c] = formatters[c]!(values[c]!, i);
        lines[i] = cells.join(",");
      }
      if (rows > 0) await output.append(`${lines.join("\n")}\n`);
    },
    finish: () => output.commit(),
    abort: () => output.discard(),
  };
}
