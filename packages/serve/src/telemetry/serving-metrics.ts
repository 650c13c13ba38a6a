import { MetricsRegistry, type Family, type HistogramChild, type ValueChild } from "./metrics-registry.js";

/** Request-duration buckets in seconds: 0.1 ms to 1 s, dense where a one-row ONNX request lands. */
export const DURATION_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The series one route (a deployment's model version) updates on every request, looked up once. */
export interface RouteMetrics {
  /** Counts a request answered with status. */
  count(status: number): void;
  readonly duration: HistogramChild;
}

/** The scoring server's metrics, in one registry. */
export interface ServingMetrics {
  readonly registry: MetricsRegistry;
  /** The series of one route; the same object for the same labels. */
  route(deployment: string, modelVersion: string): RouteMetrics;
  readonly modelLoadSeconds: Family<ValueChild>;
  readonly modelLoadFailures: Family<ValueChild>;
  readonly modelsLoaded: Family<ValueChild>;
  readonly deploymentRevision: Family<ValueChild>;
  readonly deploymentPollFailures: ValueChild;
  readonly logSent: ValueChild;
  readonly logDropped: Family<ValueChild>;
  readonly shadowRequests: Family<ValueChild>;
  readonly shadowDropped: ValueChild;
}

/** Creates the serving metrics (cairn_serve_*), following Prometheus naming: base units, _total counters, low-cardinality labels. */
export function createServingMetrics(registry = new MetricsRegistry()): ServingMetrics {
  const requests = registry.counter("cairn_serve_requests_total", "Scoring requests answered, by deployment, model version and HTTP status.", ["deployment", "model_version", "status"]);
  const durations = registry.histogram(
    "cairn_serve_request_duration_seconds",
    "Time from a scoring request's handler start to its answer, by deployment and model version.",
    ["deployment", "model_version"],
    DURATION_BUCKETS,
  );
  const routes = new Map<string, RouteMetrics>();
  const metrics: ServingMetrics = {
    registry,
    route(deployment, modelVersion) {
      const key = `${deployment}\u0000${modelVersion}`;
      let route = routes.get(key);
      if (!route) {
        const byStatus = new Map<number, ValueChild>();
        route = {
          duration: durations.labels(deployment, modelVersion),
          count(status) {
            let child = byStatus.get(status);
            if (!child) byStatus.set(status, (child = requests.labels(deployment, modelVersion, String(status))));
            child.inc();
          },
        };
        routes.set(key, route);
      }
      return route;
    },
    modelLoadSeconds: registry.gauge("cairn_serve_model_load_seconds", "Seconds the last load of a model version took (download and session creation).", ["model_version"]),
    modelLoadFailures: registry.counter("cairn_serve_model_load_failures_total", "Model version loads that failed; the server kept serving what it had.", ["model_version"]),
    modelsLoaded: registry.gauge("cairn_serve_model_loaded", "1 for each model version loaded, by its role in the routing table.", ["model_name", "model_version", "role"]),
    deploymentRevision: registry.gauge("cairn_serve_deployment_revision", "The deployment revision the routing table was built from.", ["deployment"]),
    deploymentPollFailures: registry.counter("cairn_serve_deployment_poll_failures_total", "Deployment polls that failed (tracking server unreachable or refusing).").labels(),
    logSent: registry.counter("cairn_serve_inference_log_sent_total", "Inference log records delivered to the tracking server.").labels(),
    logDropped: registry.counter("cairn_serve_inference_log_dropped_total", "Inference log records dropped: queue_full (the bounded queue overflowed) or send_failed (retries exhausted).", ["reason"]),
    shadowRequests: registry.counter("cairn_serve_shadow_requests_total", "Requests also scored by a shadow model, by its version and outcome.", ["model_version", "outcome"]),
    shadowDropped: registry.counter("cairn_serve_shadow_dropped_total", "Shadow scorings skipped because the bound on shadow requests in flight was reached.").labels(),
  };
  // Both reasons exist from the start, so a dashboard's rate() sees 0 rather than no series.
  metrics.logDropped.labels("queue_full");
  metrics.logDropped.labels("send_failed");
  return metrics;
}
