/** The first rows of a CSV or TSV file. */
export interface DelimitedTable {
  /** The header row first, then at most maxRows data rows. */
  rows: string[][];
  /** True when the file has more data rows than were read. */
  truncated: boolean;
}

/**
 * Parses RFC 4180 delimited text: fields in double quotes may hold the delimiter, newlines and
 * doubled quotes (""); CRLF and LF both end a row. Stops after the header and maxRows data rows,
 * so a large file costs no more than its first rows. An unterminated quote runs to the end of the text.
 */
export function parseDelimited(text: string, delimiter: string, maxRows: number): DelimitedTable {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    field = "";
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      // A quoted field: read to the closing quote, "" standing for one quote.
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      if (rows.length === maxRows + 1) return { rows, truncated: hasMore(text, i + 1) };
    } else {
      field += c;
    }
    i++;
  }
  if (field !== "" || row.length > 0) endRow();
  return { rows, truncated: false };
}

function hasMore(text: string, from: number): boolean {
  return text.slice(from).trim() !== "";
}
