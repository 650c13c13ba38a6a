import type { CompareField } from "./compare-fields";

/** Maps a field's values onto [0, 1]: linearly when every present value is a finite number, by rank of the sorted distinct values otherwise. */
export interface AxisScale {
  numeric: boolean;
  /** Position in [0, 1], or undefined for a missing value. */
  position(value: string | number | undefined): number | undefined;
  /** Up to five labelled ticks along the axis. */
  ticks: { at: number; label: string }[];
}

const num = (v: string | number) => (typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v));

/** A numeric or ordinal scale for one field over the runs' values. */
export function axisScale(field: CompareField): AxisScale {
  const present = field.values.filter((v): v is string | number => v !== undefined);
  const numeric = present.length > 0 && present.every((v) => Number.isFinite(num(v)));
  if (numeric) {
    const ns = present.map(num);
    const lo = Math.min(...ns);
    const hi = Math.max(...ns);
    const span = hi - lo;
    const position = (v: string | number | undefined) => (v === undefined ? undefined : span === 0 ? 0.5 : (num(v) - lo) / span);
    const ticks = span === 0 ? [{ at: 0.5, label: short(lo) }] : [0, 0.25, 0.5, 0.75, 1].map((t) => ({ at: t, label: short(lo + t * span) }));
    return { numeric, position, ticks };
  }
  const categories = [...new Set(present.map(String))].sort();
  const position = (v: string | number | undefined) => {
    if (v === undefined) return undefined;
    return categories.length === 1 ? 0.5 : categories.indexOf(String(v)) / (categories.length - 1);
  };
  return { numeric, position, ticks: categories.map((c) => ({ at: position(c)!, label: c.length > 14 ? `${c.slice(0, 13)}…` : c })) };
}

function short(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}
