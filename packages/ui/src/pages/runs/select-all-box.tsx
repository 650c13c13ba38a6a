import { useEffect, useRef } from "react";

/** The header checkbox: checked when every loaded run is selected, mixed when some are. */
export function SelectAllBox({
  loadedIds,
  selected,
  onChange,
}: {
  loadedIds: readonly string[];
  selected: ReadonlySet<string>;
  onChange: (selected: boolean) => void;
}) {
  const box = useRef<HTMLInputElement>(null);
  const count = loadedIds.reduce((n, id) => (selected.has(id) ? n + 1 : n), 0);
  const all = count > 0 && count === loadedIds.length;
  useEffect(() => {
    if (box.current) box.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return <input ref={box} type="checkbox" aria-label="Select all loaded runs" checked={all} onChange={(e) => onChange(e.target.checked)} />;
}
