import { parseMetricValue, type DownsampledHistory, type HistoryXAxis, type Metric } from "@cairn/core";
import type { Transport } from "../http/transport.js";
import type { GetMetricHistoryBulkIntervalRequest, GetMetricHistoryRequest, Paged } from "./wire-types.js";
import { decodeMetric } from "./wire-values.js";

/** Query of Cairn's downsampled history: one run's metric, about max_points points over [start, end]. */
export interface GetHistoryDownsampledRequest {
  run_id: string;
  metric_key: string;
  /** 2..10000; 1000 by default. */
  max_points?: number;
  x_axis?: HistoryXAxis;
  start?: number;
  end?: number;
}

/** MLflow's metric history endpoints (/api/2.0/mlflow/metrics/...). */
export interface MetricsApi {
  /** GET metrics/get-history: one page of a metric's points in step order. */
  getHistory(request: GetMetricHistoryRequest): Promise<Paged<"metrics", Metric>>;
  /** Every point of a metric, following next_page_token page after page. */
  iterateHistory(request: Omit<GetMetricHistoryRequest, "page_token">): AsyncIterableIterator<Metric>;
  /** GET metrics/get-history-bulk-interval: sampled points of one metric across runs, for charts. */
  getHistoryBulkInterval(request: GetMetricHistoryBulkIntervalRequest): Promise<{ metrics: Metric[] }>;
  /** GET /api/2.0/cairn/metrics/history-downsampled: min/max per bucket of steps, full resolution for small ranges. */
  getHistoryDownsampled(request: GetHistoryDownsampledRequest): Promise<DownsampledHistory>;
}

/** Binds the metric history endpoints to a transport. */
export function createMetricsApi(t: Transport): MetricsApi {
  async function getHistory(request: GetMetricHistoryRequest): Promise<Paged<"metrics", Metric>> {
    const page = await t.call<{ metrics?: Metric[]; next_page_token?: string }>("GET", "/metrics/get-history", request);
    return { ...page, metrics: (page.metrics ?? []).map(decodeMetric) };
  }
  return {
    getHistory,
    async *iterateHistory(request) {
      let page_token: string | undefined;
      do {
        const page = await getHistory({ ...request, ...(page_token ? { page_token } : {}) });
        yield* page.metrics;
        page_token = page.next_page_token;
      } while (page_token);
    },
    async getHistoryBulkInterval(request) {
      const answer = await t.call<{ metrics?: Metric[] }>("GET", "/metrics/get-history-bulk-interval", request);
      return { metrics: (answer.metrics ?? []).map(decodeMetric) };
    },
    async getHistoryDownsampled(request) {
      const answer = await t.call<DownsampledHistory>("GET", "/api/2.0/cairn/metrics/history-downsampled", request);
      const points = answer.points.map((p) => (typeof p.value === "number" ? p : { ...p, value: parseMetricValue(p.value as string, request.metric_key) }));
      return { ...answer, points };
    },
  };
}
