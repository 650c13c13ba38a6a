import { RANGE_CHOICES, type RangeId } from "./time-range";

/** The range buttons (24 h / 7 d / 30 d / all); the chosen one is pressed. */
export function RangePicker({ value, onChange }: { value: RangeId; onChange(id: RangeId): void }) {
  return (
    <div className="range-picker" role="group" aria-label="Time range">
      {RANGE_CHOICES.map((c) => (
        <button key={c.id} type="button" aria-pressed={c.id === value} className={c.id === value ? "primary" : undefined} onClick={() => onChange(c.id)}>
          {c.label}
        </button>
      ))}
    </div>
  );
}
