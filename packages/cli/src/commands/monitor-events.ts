import { CairnError, invalidParameter, isCairnError, type MonitorEventInput, type MonitorLabelInput } from "@cairn/core";
import type { Row } from "../rows/row-file.js";

/** Which columns of an ingest file are not features. */
export interface EventColumns {
  id?: string;
  timestamp?: string;
  prediction?: string;
  score?: string;
  label?: string;
  variant?: string;
}

const ISO_HINT = "ms since the epoch or an ISO time such as 2026-03-01T12:00:00Z";

/** A timestamp cell as ms since the epoch: a number is ms, digits are ms, other text an ISO time; undefined when empty. */
export function timestampOf(value: unknown, column: string, rowNumber: number): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  let ms: number;
  if (typeof value === "number") ms = value;
  else if (typeof value === "string") ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  else ms = Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) throw invalidParameter(`Row ${rowNumber}: '${String(value)}' in timestamp column '${column}' is not a time; give ${ISO_HINT}.`);
  return Math.round(ms);
}

function scoreOf(value: unknown, column: string, rowNumber: number): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === "") return null;
  const score = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isFinite(score)) throw invalidParameter(`Row ${rowNumber}: '${String(value)}' in score column '${column}' is not a number; the score is the model's probability of the positive class.`);
  return score;
}

const present = (value: unknown) => value !== null && value !== undefined && value !== "";

/** Turns file rows into monitor events: the named columns fill the event's fields, every other column is a feature. */
export function rowsToEvents(rows: readonly Row[], columns: EventColumns, firstRowNumber: number): MonitorEventInput[] {
  const special = new Set(Object.values(columns).filter((c): c is string => c !== undefined));
  return rows.map((row, i) => {
    const rowNumber = firstRowNumber + i;
    const features: Record<string, unknown> = {};
    for (const key in row) if (!special.has(key)) features[key] = row[key];
    const event: MonitorEventInput = { features };
    if (columns.id && present(row[columns.id])) event.request_id = String(row[columns.id]);
    if (columns.timestamp) {
      const ts = timestampOf(row[columns.timestamp], columns.timestamp, rowNumber);
      if (ts !== undefined) event.timestamp_ms = ts;
    }
    if (columns.prediction && present(row[columns.prediction])) event.prediction = row[columns.prediction];
    if (columns.score) {
      const score = scoreOf(row[columns.score], columns.score, rowNumber);
      if (score !== undefined) event.score = score;
    }
    if (columns.label && present(row[columns.label])) event.label = row[columns.label];
    if (columns.variant && present(row[columns.variant])) event.variant = String(row[columns.variant]);
    return event;
  });
}

/** Turns file rows into labels; a row without an id is refused, one without a label skipped (counted in skipped). */
export function rowsToLabels(rows: readonly Row[], idColumn: string, labelColumn: string, firstRowNumber: number): { labels: MonitorLabelInput[]; skipped: number } {
  const labels: MonitorLabelInput[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    const id = row[idColumn];
    if (!present(id)) throw invalidParameter(`Row ${firstRowNumber + i} has no value in id column '${idColumn}'; every label needs the request id of the event it belongs to.`);
    if (!present(row[labelColumn])) {
      skipped++;
      return;
    }
    labels.push({ request_id: String(id), label: row[labelColumn] });
  });
  return { labels, skipped };
}

/** Adds how far a streamed job got to an error, so a person knows what was already sent. */
export function afterRows(error: unknown, sentRows: number, what: string): unknown {
  if (sentRows === 0 || !isCairnError(error)) return error;
  return new CairnError(error.code, `${error.message} (${sentRows} rows before it were already ${what}; fix the file and resend it: rows with a request id are not counted twice.)`, { cause: error });
}
