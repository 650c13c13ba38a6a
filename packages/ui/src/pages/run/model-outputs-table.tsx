import { useQuery } from "@tanstack/react-query";
import { cairn } from "../../api/client";

/** The logged models a run produced, by name once each is read. */
export function ModelOutputsTable({ outputs }: { outputs: { model_id: string; step: number }[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table run-models">
        <caption className="visually-hidden">Logged models</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Model ID</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Step
            </th>
          </tr>
        </thead>
        <tbody>
          {outputs.map((o) => (
            <ModelOutputRow key={`${o.model_id}-${o.step}`} modelId={o.model_id} step={o.step} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModelOutputRow({ modelId, step }: { modelId: string; step: number }) {
  const model = useQuery({ queryKey: ["logged-models.get", modelId], queryFn: async () => (await cairn.loggedModels.get({ model_id: modelId })).model });
  const info = model.data?.info;
  return (
    <tr>
      <th scope="row">{info?.name ?? (model.isError ? <span className="muted">could not be read: {(model.error as Error).message}</span> : "…")}</th>
      <td className="mono">{modelId}</td>
      <td>{info ? info.status.replace("LOGGED_MODEL_", "").toLowerCase() : ""}</td>
      <td className="num">{step}</td>
    </tr>
  );
}
