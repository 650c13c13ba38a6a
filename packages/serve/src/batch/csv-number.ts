// Numbers are parsed straight from the file's bytes: a string per cell would dominate the cost
// of reading a wide numeric CSV. The fast path is Clinger's: a mantissa of at most 2^53 and a
// power of ten up to 1e22 are both exact doubles, so one multiplication or division rounds
// correctly, giving exactly what Number(text) gives. Anything else takes the slow path.

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const MAX_EXACT = 2 ** 53;
const ZERO = 48;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;

/** A cell that is not a number: the caller names its row and column. */
export const NOT_A_NUMBER = Symbol("not a number");

/**
 * Parses bytes[start, end) as a decimal number, or returns NOT_A_NUMBER. Accepts what Number()
 * accepts (surrounding spaces, exponents, Infinity) plus NaN/nan/inf, but not an empty cell.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number | typeof NOT_A_NUMBER {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) negative = bytes[i++] === MINUS;
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let c = 0;
  while (i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
    mantissa = mantissa * 10 + c;
    digits++;
    i++;
  }
  if (i < end && bytes[i] === DOT) {
    i++;
    while (i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9) {
      mantissa = mantissa * 10 + c;
      digits++;
      exponent--;
      i++;
    }
  }
  if (digits > 0 && i < end && (bytes[i]! | 0x20) === 101 /* e or E */) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) expNegative = bytes[i++] === MINUS;
    let e = 0;
    let expDigits = 0;
    while (i < end && (c = bytes[i]! - ZERO) >= 0 && c <= 9 && e < 10_000) {
      e = e * 10 + c;
      expDigits++;
      i++;
    }
    if (expDigits === 0) return slowParse(bytes, start, end);
    exponent += expNegative ? -e : e;
  }
  if (i !== end || digits === 0 || mantissa > MAX_EXACT) return slowParse(bytes, start, end);
  let value: number;
  if (exponent === 0) value = mantissa;
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent]!;
  else if (exponent > 0 && exponent <= 22) value = mantissa * POW10[exponent]!;
  else return slowParse(bytes, start, end);
  return negative ? -value : value;
}

const SPECIAL: Record<string, number> = { nan: NaN, "+nan": NaN, "-nan": NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity };

function slowParse(bytes: Uint8Array, start: number, end: number): number | typeof NOT_A_NUMBER {
  const text = latin1(bytes, start, end).trim();
  if (text === "") return NOT_A_NUMBER; // Number("") is 0: a missing value must not score as zero
  const value = Number(text);
  if (!Number.isNaN(value)) return value;
  return SPECIAL[text.toLowerCase()] ?? NOT_A_NUMBER;
}

// Any byte that is part of a valid number is ASCII, so latin1 decoding cannot change the answer.
function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = "";
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}
