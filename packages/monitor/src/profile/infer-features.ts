/**
 * The feature schema of a monitor: from the model's MLflow column signature when there is one,
 * else from the reference data. Overrides (--feature-type) win over both.
 */
import { CairnError, type MonitorFeature, type MonitorFeatureKind } from "@cairn/core";

/** Options of inferFeatures. */
export interface InferFeaturesOptions {
  /** Columns that are not features (label, prediction, id, timestamp). */
  exclude?: string[];
  /** The model's MLflow input signature (ColSpec name and type). */
  signature?: { name: string; type: string }[];
  /** Kinds forced per column. */
  overrides?: Record<string, MonitorFeatureKind>;
}

const SIGNATURE_KINDS: Record<string, MonitorFeatureKind> = {
  double: "numeric",
  float: "numeric",
  long: "numeric",
  integer: "numeric",
  string: "categorical",
  boolean: "categorical",
  binary: "categorical",
};

/** What the values of one column looked like. */
interface Tally {
  numbers: number;
  labels: number;
  others: number;
}

/**
 * Infers each column's kind. From data: a column of numbers is numeric (integer columns with few
 * values too: drift-method selection handles them), a column of strings or booleans is
 * categorical; with both, the majority wins and the rest counts as wrong type later.
 */
export function inferFeatures(
  rows: readonly Record<string, unknown>[],
  options: InferFeaturesOptions = {},
): MonitorFeature[] {
  const exclude = new Set(options.exclude ?? []);
  const overrides = options.overrides ?? {};
  for (const [name, kind] of Object.entries(overrides)) {
    if (kind !== "numeric" && kind !== "categorical") {
      throw new CairnError("INVALID_PARAMETER_VALUE", `--feature-type ${name}=${String(kind)}: the type must be numeric or categorical`);
    }
  }
  const columns = options.signature ? options.signature.map((c) => c.name) : columnsOf(rows);
  const available = new Set(columns);
  for (const name of Object.keys(overrides)) {
    if (!available.has(name) && !exclude.has(name)) {
      throw new CairnError(
        "INVALID_PARAMETER_VALUE",
        `--feature-type names column ${name}, which is not in the ${options.signature ? "model signature" : "reference data"}`,
      );
    }
  }
  const signatureTypes = new Map(options.signature?.map((c) => [c.name, c.type.toLowerCase()]) ?? []);
  const tallies = options.signature ? null : tallyColumns(rows, columns);
  const features: MonitorFeature[] = [];
  for (const name of columns) {
    if (exclude.has(name)) continue;
    const override = overrides[name];
    if (override) {
      features.push({ name, kind: override });
      continue;
    }
    if (signatureTypes.size > 0) {
      const type = signatureTypes.get(name)!;
      const kind = SIGNATURE_KINDS[type];
      if (!kind) {
        throw new CairnError(
          "INVALID_PARAMETER_VALUE",
          `column ${name} has signature type ${type}, which Cairn cannot monitor as is: pass --feature-type ${name}=numeric|categorical or exclude it`,
        );
      }
      features.push({ name, kind });
      continue;
    }
    features.push({ name, kind: kindFromData(name, tallies!.get(name)!) });
  }
  return features;
}

/** Column names in order of first appearance. */
function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key in row) seen.add(key);
  return [...seen];
}

/** Counts numbers, labels (strings, booleans) and other values per column; missing values are not counted. */
function tallyColumns(rows: readonly Record<string, unknown>[], columns: string[]): Map<string, Tally> {
  const tallies = new Map(columns.map((c) => [c, { numbers: 0, labels: 0, others: 0 }]));
  for (const row of rows) {
    for (const key in row) {
      const v = row[key];
      const t = tallies.get(key)!;
      if (v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v))) continue;
      if (typeof v === "number" || typeof v === "bigint") t.numbers++;
      else if (typeof v === "string" || typeof v === "boolean") t.labels++;
      else t.others++;
    }
  }
  return tallies;
}

/** The kind a column's values point to. */
function kindFromData(name: string, t: Tally): MonitorFeatureKind {
  if (t.numbers + t.labels === 0) {
    const what = t.others > 0 ? "only objects or arrays" : "no values (always null or missing)";
    throw new CairnError(
      "INVALID_PARAMETER_VALUE",
      `column ${name} has ${what} in the reference, so its type cannot be inferred: pass --feature-type ${name}=numeric|categorical or exclude it`,
    );
  }
  return t.numbers > t.labels ? "numeric" : "categorical";
}
