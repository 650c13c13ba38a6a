import { CairnError } from "@cairn/core";

/** A CSV body: its header and its rows of raw cells. */
export interface CsvTable {
  columns: string[];
  data: string[][];
}

const bad = (message: string) => new CairnError("BAD_REQUEST", message);

/**
 * Parses a text/csv body as RFC 4180 (quoted fields, "" for a quote inside one, CRLF or LF line
 * ends): the first record is the header; blank lines are skipped, as pandas does.
 */
export function parseCsvTable(text: string): CsvTable {
  const records = parseRecords(text);
  const header = records.shift();
  if (!header || (header.length === 1 && header[0] === "")) throw bad("The CSV body is empty; send a header row of column names, then one row per prediction.");
  records.forEach((row, i) => {
    if (row.length !== header.length) {
      throw bad(`CSV row ${i + 1} has ${row.length} field(s) but the header has ${header.length}; every row needs one value per column.`);
    }
  });
  return { columns: header, data: records };
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = "";
      let j = i + 1;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote < 0) throw bad(`The CSV body has an unterminated quoted field (opened at character ${i}).`);
        value += text.slice(j, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          j = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 10 && next !== 13) throw bad(`The CSV body has text after a closing quote at character ${i}; quote the whole field.`);
      field = value;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) row.push("");
      continue;
    }
    // End of record: \n, \r\n, \r or the end of the text.
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (i < n) i++;
    if (!(row.length === 1 && row[0] === "")) records.push(row);
    row = [];
  }
  if (row.length > 0 && !(row.length === 1 && row[0] === "")) records.push(row);
  return records;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity };

/** What a CSV cell should become: decided by the column or tensor it feeds, since CSV has no types. */
export type CellKind = "number" | "boolean" | "string";

/**
 * A CSV cell as the JSON value it stands for: numbers (NaN and inf as pandas writes them; an
 * empty cell is null, i.e. missing), booleans; text that does not read as the kind stays text,
 * so the caller's check reports it.
 */
export function csvValue(cell: string, kind: CellKind): unknown {
  if (kind === "string") return cell;
  const text = cell.trim();
  if (kind === "boolean") {
    const lower = text.toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : cell;
  }
  if (text === "") return null;
  if (NUMBER.test(text)) return Number(text);
  const special = SPECIAL[text.toLowerCase()];
  return special ?? cell;
}
