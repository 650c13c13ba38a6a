import type { MlModel, SignatureField } from "./parse-mlmodel";

function FieldTable({ caption, fields }: { caption: string; fields: SignatureField[] }) {
  return (
    <table className="data-table signature-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Shape</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f, i) => (
          <tr key={`${f.name ?? ""}-${i}`}>
            <td className="mono">{f.name ?? <span className="muted">(unnamed)</span>}</td>
            <td className="mono">{f.type}</td>
            <td className="mono">{f.shape ? `[${f.shape.join(", ")}]` : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A model's flavors and signature (inputs, outputs, params), as read from its MLmodel file. */
export function SignatureView({ model }: { model: MlModel }) {
  return (
    <div className="signature-view">
      <p>
        Flavors:{" "}
        {model.flavors.map((f) => (
          <span key={f} className="badge info">
            {f}
          </span>
        ))}
      </p>
      {model.inputs ? <FieldTable caption="Inputs" fields={model.inputs} /> : <p className="empty">This model has no signature: its inputs are not checked.</p>}
      {model.outputs ? <FieldTable caption="Outputs" fields={model.outputs} /> : null}
      {model.params ? <FieldTable caption="Parameters" fields={model.params} /> : null}
    </div>
  );
}
