import { keepPreviousData, useQueries } from "@tanstack/react-query";
import type { DownsampledHistory } from "@cairn/core";
import { cairn } from "../api/client";
import type { XMode } from "./chart-data";

/** A zoomed x range in the chart's own units (steps, or seconds for the time modes). */
export interface XRange {
  min: number;
  max: number;
}

export interface HistoriesState {
  histories: DownsampledHistory[] | undefined;
  /** Each run's first timestamp (ms), which relative time counts from. */
  firstTimestamps: number[];
  pending: boolean;
  fetching: boolean;
  error: unknown;
  retry(): void;
}

/** max_points for a chart this wide: about a point per pixel, in steps of 100 so resizes rarely refetch. */
export function pointsForWidth(width: number): number {
  return Math.min(10_000, Math.max(200, Math.round(width / 100) * 100));
}

/**
 * Each run's downsampled history of one metric: the whole history first (which also gives the
 * runs' start times), then, when zoomed, the zoomed range (full resolution once it is small enough).
 */
export function useHistories(runIds: readonly string[], metricKey: string, mode: XMode, maxPoints: number, range: XRange | null): HistoriesState {
  const x_axis = mode === "step" ? "step" : "timestamp";
  const query = (runId: string, start?: number, end?: number) => ({
    queryKey: ["history-downsampled", runId, metricKey, x_axis, maxPoints, start ?? null, end ?? null],
    queryFn: () => cairn.metrics.getHistoryDownsampled({ run_id: runId, metric_key: metricKey, max_points: maxPoints, x_axis, ...(start === undefined ? {} : { start, end }) }),
    enabled: maxPoints > 0,
    staleTime: 30_000,
  });
  const base = useQueries({ queries: runIds.map((id) => query(id)) });
  const firstTimestamps = base.map((q) => (q.data?.points.length ? Math.min(...q.data.points.map((p) => p.timestamp)) : 0));
  const zoomed = useQueries({
    queries: range
      ? runIds.map((id, i) => {
          const [start, end] = serverRange(range, mode, firstTimestamps[i] ?? 0);
          return { ...query(id, start, end), placeholderData: keepPreviousData, enabled: maxPoints > 0 && !base.some((q) => q.isPending) };
        })
      : [],
  });
  const active = range ? zoomed : base;
  const failed = [...base, ...zoomed].find((q) => q.isError);
  const ready = active.length > 0 && active.every((q) => q.data !== undefined);
  return {
    histories: ready ? active.map((q) => q.data!) : undefined,
    firstTimestamps,
    pending: !ready,
    fetching: active.some((q) => q.isFetching),
    error: failed?.error,
    retry: () => [...base, ...zoomed].forEach((q) => q.isError && void q.refetch()),
  };
}

/** The inclusive integer range the server is asked for: steps, or timestamps in ms. */
function serverRange(range: XRange, mode: XMode, firstTimestamp: number): [number, number] {
  if (mode === "step") return [Math.ceil(range.min), Math.floor(range.max)];
  const offset = mode === "relative" ? firstTimestamp : 0;
  return [Math.ceil(range.min * 1000 + offset), Math.floor(range.max * 1000 + offset)];
}
