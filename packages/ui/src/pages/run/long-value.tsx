const SHORT = 200;

/** A tag or param value; a long one starts folded so tables stay readable, and opens with a click or Enter. */
export function LongValue({ value }: { value: string }) {
  if (value.length <= SHORT && !value.includes("\n")) return <span className="kv-value">{value}</span>;
  const firstLine = value.split("\n", 1)[0]!;
  return (
    <details className="long-value">
      <summary>
        <span className="kv-value">{firstLine.length > 80 ? `${firstLine.slice(0, 80)}…` : firstLine}</span> <span className="muted">({value.length.toLocaleString()} characters)</span>
      </summary>
      <pre>{value}</pre>
    </details>
  );
}
