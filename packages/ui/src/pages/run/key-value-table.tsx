import type { ReactNode } from "react";

/** A two-column table of labelled facts. */
export function KeyValueTable({ caption, rows }: { caption: string; rows: [string, ReactNode][] }) {
  return (
    <table className="data-table kv-table run-facts">
      <caption className="visually-hidden">{caption}</caption>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
