// A small Prometheus registry: prom-client is not a dependency here, and on the scoring hot path
// a metric update should be an array index and an addition, so children are looked up once and
// kept by the caller.

type Kind = "counter" | "gauge" | "histogram";

/** A counter's or gauge's series for one set of label values. */
export interface ValueChild {
  /** Adds amount (default 1). */
  inc(amount?: number): void;
  /** Sets the value (gauges). */
  set(value: number): void;
  readonly value: number;
}

/** A histogram's series for one set of label values. */
export interface HistogramChild {
  /** Records one observation (seconds for durations). */
  observe(value: number): void;
  readonly count: number;
  readonly sum: number;
}

/** A metric family: its series by label values. */
export interface Family<Child> {
  /** The series for these label values, in the order the family declared its label names (created on first use). */
  labels(...values: string[]): Child;
  /** Drops a series, e.g. a model version no longer loaded. */
  remove(...values: string[]): void;
}

interface Registered {
  name: string;
  help: string;
  kind: Kind;
  render(out: string[]): void;
}

/** Escapes a label value per the text exposition format. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labelText(names: readonly string[], values: readonly string[], extra = ""): string {
  const parts = names.map((name, i) => `${name}="${escapeLabel(values[i] ?? "")}"`);
  if (extra) parts.push(extra);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}

class ValueSeries implements ValueChild {
  value = 0;
  inc(amount = 1): void {
    this.value += amount;
  }
  set(value: number): void {
    this.value = value;
  }
}

class HistogramSeries implements HistogramChild {
  readonly counts: Float64Array;
  count = 0;
  sum = 0;
  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }
  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) this.counts[i]!++;
    this.count++;
    this.sum += value;
  }
}

class SeriesFamily<Child> implements Family<Child> {
  readonly series = new Map<string, { values: string[]; child: Child }>();
  constructor(
    readonly labelNames: readonly string[],
    private readonly create: () => Child,
  ) {}
  labels(...values: string[]): Child {
    const key = values.join("\u0000");
    let entry = this.series.get(key);
    if (!entry) {
      if (values.length !== this.labelNames.length) throw new RangeError(`expected ${this.labelNames.length} label value(s) (${this.labelNames.join(", ")}), got ${values.length}`);
      entry = { values, child: this.create() };
      this.series.set(key, entry);
    }
    return entry.child;
  }
  remove(...values: string[]): void {
    this.series.delete(values.join("\u0000"));
  }
}

/** Holds metric families and renders them in Prometheus' text exposition format (version 0.0.4). */
export class MetricsRegistry {
  private readonly families: Registered[] = [];

  /** A monotonically increasing count; name it with a _total suffix. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Family<ValueChild> {
    return this.valueFamily(name, help, "counter", labelNames);
  }

  /** A value that goes up and down. */
  gauge(name: string, help: string, labelNames: readonly string[] = []): Family<ValueChild> {
    return this.valueFamily(name, help, "gauge", labelNames);
  }

  /** Observations counted into cumulative buckets with upper bounds `buckets` (ascending; +Inf is implied). */
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Family<HistogramChild> {
    const family = new SeriesFamily<HistogramSeries>(labelNames, () => new HistogramSeries(buckets));
    this.families.push({
      name,
      help,
      kind: "histogram",
      render(out) {
        for (const { values, child } of family.series.values()) {
          let cumulative = 0;
          buckets.forEach((bound, i) => {
            cumulative += child.counts[i]!;
            out.push(`${name}_bucket${labelText(labelNames, values, `le="${formatNumber(bound)}"`)} ${cumulative}`);
          });
          out.push(`${name}_bucket${labelText(labelNames, values, 'le="+Inf"')} ${child.count}`);
          out.push(`${name}_sum${labelText(labelNames, values)} ${formatNumber(child.sum)}`);
          out.push(`${name}_count${labelText(labelNames, values)} ${child.count}`);
        }
      },
    });
    return family;
  }

  /** Every family as exposition text: HELP and TYPE lines, then one line per series. */
  render(): string {
    const out: string[] = [];
    for (const family of this.families) {
      out.push(`# HELP ${family.name} ${family.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${family.name} ${family.kind}`);
      family.render(out);
    }
    return `${out.join("\n")}\n`;
  }

  private valueFamily(name: string, help: string, kind: Kind, labelNames: readonly string[]): Family<ValueChild> {
    const family = new SeriesFamily<ValueSeries>(labelNames, () => new ValueSeries());
    // A family without labels has its one series from the start, so it shows as 0 before anything happens.
    if (labelNames.length === 0) family.labels();
    this.families.push({
      name,
      help,
      kind,
      render(out) {
        for (const { values, child } of family.series.values()) out.push(`${name}${labelText(labelNames, values)} ${formatNumber(child.value)}`);
      },
    });
    return family;
  }
}

/** The content type of the exposition text. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
