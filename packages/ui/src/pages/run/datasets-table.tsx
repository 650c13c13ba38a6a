import type { DatasetInput } from "@cairn/core";
import { LongValue } from "./long-value";
import { TAG } from "../../run-tags";

/** The datasets a run consumed, with the context (training, evaluation, ...) each was used in. */
export function DatasetsTable({ inputs }: { inputs: DatasetInput[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table run-datasets">
        <caption className="visually-hidden">Dataset inputs</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Digest</th>
            <th scope="col">Source type</th>
            <th scope="col">Source</th>
            <th scope="col">Context</th>
          </tr>
        </thead>
        <tbody>
          {inputs.map(({ dataset, tags }) => (
            <tr key={`${dataset.name}@${dataset.digest}`}>
              <th scope="row">{dataset.name}</th>
              <td className="mono">{dataset.digest}</td>
              <td>{dataset.source_type}</td>
              <td className="mono">
                <LongValue value={dataset.source} />
              </td>
              <td>{tags?.find((t) => t.key === TAG.datasetContext)?.value ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
