import {
  invalidParameter,
  MONITOR_LIMITS,
  type InferenceRecordInput,
  type Monitor,
  type MonitorEventInput,
  type MonitorIngestResult,
  type MonitorLabelInput,
  type MonitorLabelResult,
  type MonitorStore,
} from "@cairn/core";
import {
  abReport,
  buildMonitorReference,
  decodeMonitorReference,
  decodeStoredWindows,
  encodeMonitorReference,
  featureDistribution,
  inferenceLabels,
  inferenceRecordEvents,
  inferFeatures,
  ingestDeltas,
  labelDeltas,
  mergeStoredWindows,
  monitorReport,
  needsSamples,
  prepareEvents,
  prepareLabels,
  resolveMonitorConfig,
  rowSkew,
  validateMonitorName,
  WINDOW_MERGER,
  windowSeries,
  type MonitorConfigInput,
  type MonitorReference,
} from "@cairn/monitor";

/** What POST monitors/create takes, after schema validation. */
export interface CreateMonitorRequest {
  name: string;
  description?: string;
  model_name?: string;
  deployment?: string;
  config?: MonitorConfigInput;
  reference_rows?: Record<string, unknown>[];
  reference_profile?: string;
  reference_source?: string;
  label_column?: string;
  prediction_column?: string;
  score_column?: string;
}

/** A time range; start inclusive, end exclusive; both optional (the last 30 days by default). */
export interface TimeRange {
  start_time_ms?: number;
  end_time_ms?: number;
}

const MAX_REFERENCE_ROWS = 100_000;
const DEFAULT_RANGE_MS = 30 * 86_400_000;

/**
 * Monitoring over the store: the monitor package does the statistics, this class the I/O around
 * them. References are decoded once per monitor version and kept, keyed by last update, so a
 * second replica or an update never sees a stale one.
 */
export class MonitorService {
  private readonly references = new Map<string, { updated: number; reference: MonitorReference }>();

  constructor(
    private readonly store: MonitorStore,
    private readonly clock: () => number,
  ) {}

  /** Creates a monitor from reference rows (profiled here) or a profile built by the CLI. */
  async create(input: CreateMonitorRequest): Promise<Monitor> {
    validateMonitorName(input.name);
    if (!input.model_name && !input.deployment) throw invalidParameter("A monitor watches a registered model or a deployment: give 'model_name' or 'deployment'.");
    if ((input.reference_rows === undefined) === (input.reference_profile === undefined)) {
      throw invalidParameter("Give the reference either as 'reference_rows' (up to 100,000 rows) or as 'reference_profile' (what `cairn monitor create --reference FILE` builds), not both or neither.");
    }
    let reference: MonitorReference;
    let config;
    if (input.reference_rows) {
      if (input.reference_rows.length === 0) throw invalidParameter("'reference_rows' is empty: a reference needs at least one row.");
      if (input.reference_rows.length > MAX_REFERENCE_ROWS) {
        throw invalidParameter(`'reference_rows' has ${input.reference_rows.length} rows; send at most ${MAX_REFERENCE_ROWS}, or build the profile from the file with \`cairn monitor create --reference FILE\`.`);
      }
      const exclude = [input.label_column, input.prediction_column, input.score_column].filter((c): c is string => c !== undefined);
      const features = input.config?.features ?? inferFeatures(input.reference_rows, { exclude });
      config = resolveMonitorConfig({ ...input.config, features });
      reference = buildMonitorReference(input.reference_rows, config, {
        ...(input.label_column ? { labelColumn: input.label_column } : {}),
        ...(input.prediction_column ? { predictionColumn: input.prediction_column } : {}),
        ...(input.score_column ? { scoreColumn: input.score_column } : {}),
      });
    } else {
      reference = decodeMonitorReference(Buffer.from(input.reference_profile!, "base64"));
      config = resolveMonitorConfig({ ...input.config, features: input.config?.features ?? reference.features });
    }
    const monitor = await this.store.createMonitor({
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      ...(input.model_name ? { model_name: input.model_name } : {}),
      ...(input.deployment ? { deployment: input.deployment } : {}),
      config,
      reference: { source: input.reference_source ?? (input.reference_rows ? "api" : "profile"), rows: reference.profile.rows, labeled_rows: reference.labeled_rows },
      reference_profile: encodeMonitorReference(reference),
    });
    this.references.set(monitor.monitor_id, { updated: monitor.last_updated_timestamp, reference });
    return monitor;
  }

  /** Updates description or settings; features keep their kind (the reference was profiled by it). */
  async update(name: string, patch: { description?: string; config?: MonitorConfigInput }): Promise<Monitor> {
    const monitor = await this.store.getMonitor(name);
    const config = patch.config ? resolveMonitorConfig(patch.config, monitor.config) : undefined;
    return this.store.updateMonitor(name, { ...(patch.description !== undefined ? { description: patch.description } : {}), ...(config ? { config } : {}) });
  }

  /** The monitor's decoded reference, from the cache when the monitor has not changed. */
  async reference(monitor: Monitor): Promise<MonitorReference> {
    const cached = this.references.get(monitor.monitor_id);
    if (cached && cached.updated === monitor.last_updated_timestamp) return cached.reference;
    const reference = decodeMonitorReference(await this.store.getMonitorReference(monitor.monitor_id));
    this.references.set(monitor.monitor_id, { updated: monitor.last_updated_timestamp, reference });
    return reference;
  }

  /** Ingests events into a monitor's windows; schema problems are counted, never thrown. */
  async ingest(name: string, events: readonly MonitorEventInput[]): Promise<MonitorIngestResult> {
    if (events.length > MONITOR_LIMITS.eventsPerCall) throw invalidParameter(`Send at most ${MONITOR_LIMITS.eventsPerCall} events per call; this one had ${events.length}. \`cairn monitor ingest\` batches for you.`);
    return this.ingestInto(await this.store.getMonitor(name), events);
  }

  private async ingestInto(monitor: Monitor, events: readonly MonitorEventInput[]): Promise<MonitorIngestResult> {
    const reference = await this.reference(monitor);
    const prepared = prepareEvents(events, monitor.config, this.clock());
    let qualityIssues = 0;
    const build = (fresh: readonly number[]) => {
      const deltas = ingestDeltas(reference, monitor.config, prepared.events, fresh);
      qualityIssues = deltas.quality_issues;
      return deltas.windows;
    };
    const r = await this.store.ingestMonitorEvents(monitor.monitor_id, prepared.stored, build, WINDOW_MERGER);
    return { accepted: r.fresh, duplicates: r.duplicates, quality_issues: qualityIssues };
  }

  /** Attaches late labels; each labeled event's window gets it in its performance figures. */
  async labels(name: string, labels: readonly MonitorLabelInput[]): Promise<MonitorLabelResult> {
    if (labels.length > MONITOR_LIMITS.labelsPerCall) throw invalidParameter(`Send at most ${MONITOR_LIMITS.labelsPerCall} labels per call; this one had ${labels.length}.`);
    return this.labelInto(await this.store.getMonitor(name), labels);
  }

  private async labelInto(monitor: Monitor, labels: readonly MonitorLabelInput[]): Promise<MonitorLabelResult> {
    const reference = await this.reference(monitor);
    const records = prepareLabels(labels, this.clock());
    return this.store.attachMonitorLabels(monitor.monitor_id, records, (labeled) => labelDeltas(reference, monitor.config, labeled), WINDOW_MERGER);
  }

  /** Feeds logged inference records to the monitors of their deployment or model (cairn serve's logs flow in here). */
  async fromInferenceLogs(records: readonly InferenceRecordInput[]): Promise<void> {
    const groups = new Map<string, InferenceRecordInput[]>();
    for (const r of records) {
      const key = `${r.deployment ?? ""}\u0000${r.model_name}`;
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      const monitors = await this.store.monitorsFor({ ...(first.deployment ? { deployment: first.deployment } : {}), model_name: first.model_name });
      for (const monitor of monitors) {
        const events = group.flatMap((r) => inferenceRecordEvents(r, monitor.config.positive_class));
        for (let i = 0; i < events.length; i += MONITOR_LIMITS.eventsPerCall) await this.ingestInto(monitor, events.slice(i, i + MONITOR_LIMITS.eventsPerCall));
      }
    }
  }

  /**
   * Attaches inference-log labels to every monitor holding those requests. A label names only a
   * request id, so each monitor is asked; one that never saw the id reports it unknown.
   */
  async labelsFromInferenceLogs(labels: readonly { request_id: string; label: unknown; timestamp_ms?: number }[]): Promise<void> {
    const expanded = inferenceLabels(labels);
    let pageToken: string | undefined;
    do {
      const page = await this.store.searchMonitors({ max_results: 1000, ...(pageToken ? { page_token: pageToken } : {}) });
      for (const monitor of page.monitors) {
        for (let i = 0; i < expanded.length; i += MONITOR_LIMITS.labelsPerCall) await this.labelInto(monitor, expanded.slice(i, i + MONITOR_LIMITS.labelsPerCall));
      }
      pageToken = page.next_page_token;
    } while (pageToken);
  }

  /** A range's stored windows, with the monitor and its reference; samples only when some drift test needs them. */
  private async load(name: string, range: TimeRange, samples: "if_needed" | "never") {
    const monitor = await this.store.getMonitor(name);
    const { start, end } = this.range(range);
    const reference = await this.reference(monitor);
    const withSample = samples === "if_needed" && needsSamples(reference.profile, monitor.config);
    const stored = await this.store.listMonitorWindows(monitor.monitor_id, { start_ms: start, end_ms: end, with_sample: withSample });
    return { monitor, reference, stored, start, end };
  }

  /** Decoded windows of a range, with the reference and the monitor. */
  async windows(name: string, range: TimeRange, samples: "if_needed" | "never") {
    const { stored, ...rest } = await this.load(name, range, samples);
    return { ...rest, windows: decodeStoredWindows(stored) };
  }

  /** The report over a range: merged windows against the reference (decoded one at a time). */
  async report(name: string, range: TimeRange) {
    const { monitor, reference, stored, start, end } = await this.load(name, range, "if_needed");
    const merged = mergeStoredWindows(reference, monitor.config, stored);
    return { monitor, report: monitorReport(reference, monitor.config, merged, { name: monitor.name, start_ms: start, end_ms: end, windows: stored.length }) };
  }

  /** Per-window figures (drift per feature, performance, latency), oldest first. */
  async series(name: string, range: TimeRange) {
    const { monitor, reference, windows } = await this.windows(name, range, "if_needed");
    return { windows: windowSeries(reference, monitor.config, windows) };
  }

  /** One feature's reference and current distributions over a range. */
  async distribution(name: string, feature: string, range: TimeRange) {
    const { monitor, reference, stored } = await this.load(name, range, "never");
    return featureDistribution(reference.profile, monitor.config, mergeStoredWindows(reference, monitor.config, stored).data, feature);
  }

  /** A/B comparison of a deployment's variants over a range. */
  async ab(name: string, range: TimeRange) {
    const { monitor, windows } = await this.windows(name, range, "never");
    return abReport(monitor.config, windows);
  }

  /** Training/serving skew: the report's distribution comparison plus offline rows joined to served events by id. */
  async skew(name: string, range: TimeRange, rows: readonly { id: string; features: Record<string, unknown> }[] | undefined) {
    const { monitor, report } = await this.report(name, range);
    const joined = rows && rows.length > 0 ? rowSkew(monitor.config, rows, await this.store.getMonitorEvents(monitor.monitor_id, rows.map((r) => r.id))) : undefined;
    return { distribution: report.skew, ...(joined ? { row_join: joined } : {}) };
  }

  private range(range: TimeRange): { start: number; end: number } {
    const end = range.end_time_ms ?? this.clock() + 1;
    const start = range.start_time_ms ?? end - DEFAULT_RANGE_MS;
    if (start >= end) throw invalidParameter(`Empty time range: start_time_ms ${start} is not before end_time_ms ${end}.`);
    return { start, end };
  }
}
