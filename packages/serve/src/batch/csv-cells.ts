/** A value ready for a CSV cell: quoted (RFC 4180) when it holds a comma, a quote or a line break. */
export function quoteCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The shortest decimal that reads back as the same float32, so a probability of 0.1 is written
 * "0.1", not the float64 expansion "0.10000000149011612" of that float32.
 */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  // Six significant digits always round-trip when a shorter decimal does (then it is that decimal padded
  // with zeros); float32 never needs more than nine.
  for (let digits = 6; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}

/** Any value read from a Parquet column as CSV cell text; null is an empty cell. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return quoteCell(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  return quoteCell(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}
