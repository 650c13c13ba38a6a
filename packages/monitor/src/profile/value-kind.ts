/**
 * How the profilers read one numeric value: a finite number is a value; null, undefined, NaN and
 * "" are missing; anything else (a string, a boolean, an object, ±Infinity) is invalid and also
 * counted as a wrong type in the window's data quality. Numeric strings are not parsed: a client
 * that sends "3.5" for a numeric feature has a data-quality problem worth seeing.
 */

/** A finite number. */
export const VALUE = 0;
/** null, undefined, NaN or "". */
export const MISSING = 1;
/** Present but not a usable number. */
export const INVALID = 2;

/** VALUE, MISSING or INVALID for a numeric feature's raw value. */
export function numericKind(value: unknown): number {
  if (typeof value === "number") {
    if (value - value === 0) return VALUE;
    return value !== value ? MISSING : INVALID;
  }
  return value === undefined || value === null || value === "" ? MISSING : INVALID;
}
