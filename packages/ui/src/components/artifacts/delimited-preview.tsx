import { parseDelimited } from "./parse-delimited";

/** Data rows a CSV or TSV preview shows; the rest is one download away. */
export const PREVIEW_ROWS = 500;

/** A CSV or TSV file's first rows as a table, its first row as the header. */
export function DelimitedPreview({ text, delimiter, name }: { text: string; delimiter: string; name: string }) {
  const { rows, truncated } = parseDelimited(text, delimiter, PREVIEW_ROWS);
  const [header = [], ...body] = rows;
  if (header.length === 0) return <p className="empty">This file is empty.</p>;
  const width = Math.max(header.length, ...body.map((row) => row.length));
  const cells = (row: string[]) => Array.from({ length: width }, (_, i) => row[i] ?? "");
  return (
    <>
      <p className="preview-note">
        {truncated ? `The first ${PREVIEW_ROWS} rows` : `${body.length} ${body.length === 1 ? "row" : "rows"}`}, {width} {width === 1 ? "column" : "columns"}.
      </p>
      <div className="table-scroll artifact-table" tabIndex={0} role="region" aria-label={`Table preview of ${name}`}>
        <table className="data-table">
          <thead>
            <tr>
              {cells(header).map((cell, i) => (
                <th scope="col" key={i}>
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => (
              <tr key={r}>
                {cells(row).map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
