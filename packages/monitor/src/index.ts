// @cairn/monitor: drift statistics, mergeable profiles, performance and estimated performance,
// alert rules and reports. Pure functions over profiles; the server does the I/O.
export * from "./stats/index.js";
export * from "./profile/index.js";
export * from "./performance/index.js";
export * from "./alerts/index.js";
export { MONITOR_DEFAULTS, NUMERIC_ONLY, resolveMonitorConfig, validateFeatures, validateMonitorName, type MonitorConfigInput } from "./config/monitor-config.js";
export { DEFAULT_THRESHOLDS, defaultDriftMethod, isDrift, P_VALUE_METHODS } from "./drift/method-selection.js";
export { featureDrift, type FeatureDriftInput } from "./drift/feature-drift.js";
export { datasetDrift, needsSamples, PREDICTION } from "./drift/dataset-drift.js";
export { inferenceLabels, inferenceRecordEvents, requestRows, rowPrediction, rowRequestId } from "./events/inference-events.js";
export { buildMonitorReference, decodeMonitorReference, encodeMonitorReference, type MonitorReference, type ReferenceColumns } from "./reference/monitor-reference.js";
export { decodeStoredWindows, decodeWindowDetail, decodeWindowProfile, encodeWindowDetail, encodeWindowProfile, WINDOW_MERGER, type MonitorWindow } from "./window/monitor-window.js";
export { ingestDeltas, labelDeltas, prepareEvents, prepareLabels, type PreparedEvent } from "./window/ingest-deltas.js";
export { mergeStoredWindows, type MergedWindows } from "./report/merge-windows.js";
export { monitorReport } from "./report/monitor-report.js";
export { driftFigures, figuresOf, windowSeries } from "./report/window-series.js";
export { featureDistribution } from "./report/feature-distribution.js";
export { abReport } from "./report/ab-report.js";
export { distributionSkew, rowSkew } from "./report/serving-skew.js";
export { formatFigure, renderReportHtml } from "./report/report-html.js";
