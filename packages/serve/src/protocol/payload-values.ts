import { csvValue } from "./csv-table.js";
import type { Payload } from "./scoring-payload.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A routing key's value as a string: scalars as JSON writes them; anything else does not count. */
function keyString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/**
 * The value of column `key` in the request's first row, whatever form it came in (a list of
 * values under `key` counts by its first value), for sticky routing; undefined when absent.
 */
export function firstRowValue(payload: Payload, key: string): string | undefined {
  switch (payload.form) {
    case "dataframe_split":
    case "csv": {
      const { columns, data } = payload;
      if (!Array.isArray(columns) || !Array.isArray(data) || data.length === 0) return undefined;
      const at = columns.indexOf(key);
      const row = data[0];
      return at < 0 || !Array.isArray(row) ? undefined : keyString(row[at]);
    }
    case "dataframe_records":
      return Array.isArray(payload.records) && isRecord(payload.records[0]) ? keyString(payload.records[0][key]) : undefined;
    default: {
      const value = payload.value;
      if (Array.isArray(value)) return isRecord(value[0]) ? keyString(value[0][key]) : undefined;
      if (!isRecord(value)) return undefined;
      const column = value[key];
      return keyString(Array.isArray(column) ? column[0] : column);
    }
  }
}

/**
 * The request's data for the inference log, as the /invocations body that would replay it
 * ({"dataframe_split": ...} and so on; CSV becomes dataframe_split). It reuses the parsed request
 * values as they are: nothing is copied unless the body was CSV.
 */
export function payloadForLog(payload: Payload): unknown {
  switch (payload.form) {
    case "dataframe_split":
      return { dataframe_split: { columns: payload.columns, data: payload.data } };
    case "csv":
      return { dataframe_split: { columns: payload.columns, data: payload.data.map((row) => row.map(csvGuess)) } };
    case "dataframe_records":
      return { dataframe_records: payload.records };
    case "instances":
      return { instances: payload.value };
    default:
      return { inputs: payload.value };
  }
}

function csvGuess(cell: string): unknown {
  const number = csvValue(cell, "number");
  return typeof number === "number" || number === null ? number : cell;
}
