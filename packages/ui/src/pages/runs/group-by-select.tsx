import { dataColumn } from "./column-ids";

/** The toolbar's "Group by" select: nothing, or one of the loaded runs' params or tags. */
export function GroupBySelect({
  params,
  tags,
  value,
  onChange,
}: {
  params: readonly string[];
  tags: readonly string[];
  value: string | undefined;
  onChange: (group: string | undefined) => void;
}) {
  const known = [...params.map((k) => dataColumn("params", k).id), ...tags.map((k) => dataColumn("tags", k).id)];
  return (
    <label>
      Group by{" "}
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">nothing</option>
        {/* A group from a link stays selectable before (or without) runs that have it. */}
        {value && !known.includes(value) ? <option value={value}>{value}</option> : null}
        {params.length > 0 ? (
          <optgroup label="Parameters">
            {params.map((k) => (
              <option key={k} value={dataColumn("params", k).id}>
                {k}
              </option>
            ))}
          </optgroup>
        ) : null}
        {tags.length > 0 ? (
          <optgroup label="Tags">
            {tags.map((k) => (
              <option key={k} value={dataColumn("tags", k).id}>
                {k}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </label>
  );
}
