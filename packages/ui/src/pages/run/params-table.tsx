import type { Param } from "@cairn/core";
import { LongValue } from "./long-value";

/** A run's parameters, by key. */
export function ParamsTable({ params }: { params: Param[] }) {
  if (params.length === 0) return <p className="empty">No parameters were logged.</p>;
  const sorted = [...params].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <div className="table-scroll">
      <table className="data-table run-params">
        <caption className="visually-hidden">Parameters</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.key}>
              <th scope="row" className="mono">
                {p.key}
              </th>
              <td className="mono">
                <LongValue value={p.value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
