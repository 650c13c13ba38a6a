import { InvalidArgumentError } from "commander";
import { DRIFT_METHODS, type DriftMethod, type MonitorFeatureKind } from "@cairn/core";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** Parses a duration such as 30m, 1h, 1d, 2w or 1h30m into milliseconds; anything else is a usage error. */
export function parseDuration(value: string): number {
  const text = value.trim();
  if (!DURATION.test(text)) throw new InvalidArgumentError(`expected a duration such as 30m, 1h, 1d, 2w or 1h30m (units ms, s, m, h, d, w), got '${value}'.`);
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit!]!;
  if (!(ms > 0)) throw new InvalidArgumentError(`expected a duration longer than zero, got '${value}'.`);
  return Math.round(ms);
}

/**
 * A time bound as ms since the epoch: digits are ms, a duration (with or without a leading '-')
 * is that long before now, anything else an ISO date or time.
 */
export function timeBound(value: string, now: number): number {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const relative = text.startsWith("-") ? text.slice(1) : text;
  if (DURATION.test(relative)) return now - parseDuration(relative);
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new InvalidArgumentError(`expected an ISO time such as 2026-03-01T12:00:00Z, a time ago such as -7d or -12h, or ms since the epoch, got '${value}'.`);
  }
  return ms;
}

/** Commander's parser for --from/--to/--since: checked now, relative to the clock when parsed. */
export function parseTimeBound(value: string): number {
  return timeBound(value, Date.now());
}

/** Splits col=value at the last '=' (column names may hold '='; values never do). */
function splitAssignment(value: string, example: string): [string, string] {
  const at = value.lastIndexOf("=");
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError(`expected column=value such as ${example}, got '${value}'.`);
  return [value.slice(0, at), value.slice(at + 1).trim()];
}

/** Parses one repeatable --method col=psi into a map. */
export function parseMethod(value: string, previous: Record<string, DriftMethod> = {}): Record<string, DriftMethod> {
  const [column, method] = splitAssignment(value, "income=psi");
  if (!(DRIFT_METHODS as readonly string[]).includes(method)) throw new InvalidArgumentError(`unknown drift method '${method}' for '${column}'; methods are: ${DRIFT_METHODS.join(", ")}.`);
  return { ...previous, [column]: method as DriftMethod };
}

/** Parses one repeatable --threshold col=0.2 into a map. */
export function parseThreshold(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const [column, text] = splitAssignment(value, "income=0.2");
  const threshold = Number(text);
  if (text === "" || !Number.isFinite(threshold) || threshold <= 0) throw new InvalidArgumentError(`the threshold of '${column}' must be a positive number (a p-value for tests, a distance otherwise), got '${text}'.`);
  return { ...previous, [column]: threshold };
}

/** Parses one repeatable --feature-type col=numeric|categorical into a map. */
export function parseFeatureType(value: string, previous: Record<string, MonitorFeatureKind> = {}): Record<string, MonitorFeatureKind> {
  const [column, kind] = splitAssignment(value, "zip=categorical");
  if (kind !== "numeric" && kind !== "categorical") throw new InvalidArgumentError(`the type of '${column}' must be numeric or categorical, got '${kind}'.`);
  return { ...previous, [column]: kind };
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parses --drift-share: a share from 0 to 1. */
export function parseShare(value: string): number {
  const share = Number(value);
  if (value.trim() === "" || !Number.isFinite(share) || share < 0 || share > 1) throw new InvalidArgumentError(`expected a share from 0 to 1 such as 0.5, got '${value}'.`);
  return share;
}
