import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { monitorApi, type TimeRangeMs } from "./monitor-api";

// Every monitor query starts with "monitors", so one invalidation refreshes them all.
const MONITORS = "monitors";
const PAGE_SIZE = 100;
// A missing monitor is a clear answer: do not ask again before showing it.
const noRetryOn404 = (failures: number, error: Error) => (error as { code?: string })?.code !== "RESOURCE_DOES_NOT_EXIST" && failures < 1;

/** Monitors, all or those of one model or deployment, by name, a page at a time. */
export function useMonitorList(filter: { model_name?: string; deployment?: string }, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [MONITORS, "search", filter.model_name ?? "", filter.deployment ?? ""],
    queryFn: async ({ pageParam, signal }) => {
      const page = await monitorApi.search({ ...filter, max_results: PAGE_SIZE, ...(pageParam ? { page_token: pageParam } : {}) }, signal);
      return { monitors: page.monitors ?? [], next_page_token: page.next_page_token };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_page_token || undefined,
    enabled: options.enabled ?? true,
  });
}

/** One monitor. */
export function useMonitor(name: string) {
  return useQuery({ queryKey: [MONITORS, "get", name], queryFn: async ({ signal }) => (await monitorApi.get(name, signal)).monitor, retry: noRetryOn404 });
}

/** A monitor's windows over a range, oldest first. */
export function useMonitorWindows(name: string, range: TimeRangeMs, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [MONITORS, "windows", name, range.start_time_ms, range.end_time_ms],
    queryFn: async ({ signal }) => (await monitorApi.windows(name, range, signal)).windows ?? [],
    enabled: options.enabled ?? true,
  });
}

/** The report over a range. */
export function useMonitorReport(name: string, range: TimeRangeMs) {
  return useQuery({ queryKey: [MONITORS, "report", name, range.start_time_ms, range.end_time_ms], queryFn: ({ signal }) => monitorApi.report(name, range, signal) });
}

/** One feature's distributions over a range (a whole range or one window); off while no feature is chosen. */
export function useFeatureDistribution(name: string, feature: string, range: TimeRangeMs) {
  return useQuery({
    queryKey: [MONITORS, "distribution", name, feature, range.start_time_ms, range.end_time_ms],
    queryFn: ({ signal }) => monitorApi.distribution(name, feature, range, signal),
    enabled: feature !== "",
    // Switching feature or window keeps the old overlay on screen until the new one arrives.
    placeholderData: (previous) => previous,
  });
}

/** Alert rules with their states, and the alert history since the range's start. */
export function useMonitorAlerts(name: string, sinceMs: number) {
  const rules = useQuery({ queryKey: [MONITORS, "rules", name], queryFn: ({ signal }) => monitorApi.rules(name, signal) });
  const alerts = useQuery({ queryKey: [MONITORS, "alerts", name, sinceMs], queryFn: async ({ signal }) => (await monitorApi.alerts(name, sinceMs, signal)).alerts ?? [] });
  return { rules, alerts };
}

/** A/B verdicts over a range. */
export function useAbReport(name: string, range: TimeRangeMs) {
  return useQuery({ queryKey: [MONITORS, "ab", name, range.start_time_ms, range.end_time_ms], queryFn: ({ signal }) => monitorApi.ab(name, range, signal) });
}
