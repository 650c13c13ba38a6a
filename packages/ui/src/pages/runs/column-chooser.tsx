import { dataColumn, type DataKind } from "./column-ids";

const SECTIONS: { kind: DataKind; title: string; one: string }[] = [
  { kind: "metrics", title: "Metrics", one: "metric" },
  { kind: "params", title: "Parameters", one: "param" },
  { kind: "tags", title: "Tags", one: "tag" },
];

/** A disclosure listing the param, metric and tag keys as labelled checkboxes; the choice is the list of column ids. */
export function ColumnChooser({
  keys,
  chosen,
  onChange,
}: {
  keys: Record<DataKind, readonly string[]>;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  const isChosen = new Set(chosen);
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <details className="column-chooser">
      <summary>Columns ({chosen.length})</summary>
      <div className="column-chooser-panel">
        {SECTIONS.map(({ kind, title, one }) => (
          <fieldset key={kind}>
            <legend>{title}</legend>
            {keys[kind].length === 0 ? <p className="muted">None in the loaded runs.</p> : null}
            {keys[kind].map((key) => {
              const { id } = dataColumn(kind, key);
              return (
                <label key={id}>
                  <input type="checkbox" checked={isChosen.has(id)} onChange={(e) => toggle(id, e.target.checked)} />{" "}
                  <span className="visually-hidden">{one} </span>
                  {key}
                </label>
              );
            })}
          </fieldset>
        ))}
        <button type="button" onClick={() => onChange([])}>
          Hide all
        </button>
      </div>
    </details>
  );
}
