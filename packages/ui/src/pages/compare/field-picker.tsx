import { fieldLabel, type CompareField } from "./compare-fields";

/** A select of one field, by id. */
export function FieldSelect({ label, fields, value, onChange }: { label: string; fields: CompareField[]; value: string | undefined; onChange(id: string): void }) {
  return (
    <label>
      {label}{" "}
      <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {fieldLabel(f)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Checkboxes choosing several fields, in the fields' order. */
export function FieldChecklist({ legend, fields, chosen, onChange }: { legend: string; fields: CompareField[]; chosen: string[]; onChange(ids: string[]): void }) {
  return (
    <fieldset className="field-checklist">
      <legend>{legend}</legend>
      {fields.map((f) => (
        <label key={f.id}>
          <input
            type="checkbox"
            checked={chosen.includes(f.id)}
            onChange={(e) => onChange(fields.filter((g) => (g.id === f.id ? e.target.checked : chosen.includes(g.id))).map((g) => g.id))}
          />{" "}
          {fieldLabel(f)}
        </label>
      ))}
    </fieldset>
  );
}
