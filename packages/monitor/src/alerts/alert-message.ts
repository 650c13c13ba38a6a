import type { AlertOperator } from "./alert-expression.js";

/** A window start as people read it: 2026-12-01T10:00Z (seconds only when not zero). */
export function formatWindowTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 23);
  return seconds === "00.000" ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}

/** A figure's value with at most 6 significant digits (0.45, 123.457, 1.5e-7). */
export function formatFigureValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function windowsText(n: number): string {
  return n === 1 ? "1 window" : `${n} windows`;
}

/** "drift_share = 0.45 > 0.3 for 2 windows (since 2026-12-01T10:00Z)". */
export function firingMessage(figure: string, value: number, op: AlertOperator, threshold: number, windows: number, sinceMs?: number): string {
  const since = sinceMs === undefined ? "" : ` (since ${formatWindowTime(sinceMs)})`;
  return `${figure} = ${formatFigureValue(value)} ${op} ${threshold} for ${windowsText(windows)}${since}`;
}

/** "drift_share = 0.12, no longer > 0.3 (firing since 2026-12-01T10:00Z)". */
export function resolvedMessage(figure: string, value: number, op: AlertOperator, threshold: number, sinceMs?: number): string {
  const since = sinceMs === undefined ? "" : ` (firing since ${formatWindowTime(sinceMs)})`;
  return `${figure} = ${formatFigureValue(value)}, no longer ${op} ${threshold}${since}`;
}
