import { cpus, freemem, totalmem } from "node:os";
import type { ActiveRun } from "../run/active-run.js";

/** MLflow's system metric names (mlflow/system_metrics/metrics/*.py). */
export const SYSTEM_METRICS = {
  cpu: "system/cpu_utilization_percentage",
  memoryMb: "system/system_memory_usage_megabytes",
  memoryPercent: "system/system_memory_usage_percentage",
} as const;

/** One reading of the machine. */
export type SystemSample = Record<(typeof SYSTEM_METRICS)[keyof typeof SYSTEM_METRICS], number>;

interface CpuTimes {
  idle: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

/** A sampler of whole-machine CPU (busy share since the previous call) and memory, like psutil's. */
export function createSystemSampler(): () => SystemSample {
  let previous = cpuTimes();
  return () => {
    const current = cpuTimes();
    const total = current.total - previous.total;
    const busy = total - (current.idle - previous.idle);
    previous = current;
    const memTotal = totalmem();
    const used = memTotal - freemem();
    return {
      [SYSTEM_METRICS.cpu]: total > 0 ? round((busy / total) * 100) : 0,
      [SYSTEM_METRICS.memoryMb]: round(used / (1024 * 1024)),
      [SYSTEM_METRICS.memoryPercent]: round((used / memTotal) * 100),
    } as SystemSample;
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Logs a sample into run every intervalMs with steps 0, 1, 2, ...; stops when the run ends. */
export function startSystemMetrics(run: ActiveRun, intervalMs: number, sample: () => SystemSample = createSystemSampler()): () => void {
  let step = 0;
  const timer = setInterval(() => {
    if (run.ended) return;
    run.logMetrics(sample(), { step: step++ });
  }, intervalMs);
  // Sampling alone must not keep a finished script alive.
  timer.unref();
  const stop = () => clearInterval(timer);
  run.onStop(stop);
  return stop;
}
