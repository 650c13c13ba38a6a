import type { KeyValue } from "@cairn/core";
import type { ActiveRun, ParamValue } from "./active-run.js";

/** What startRun accepts. */
export interface StartRunOptions {
  /** Experiment name or id; a name that does not exist yet is created. Default: experiment "0". */
  experiment?: string;
  /** Experiment id, when it must not be read as a name. */
  experimentId?: string;
  runName?: string;
  params?: Record<string, ParamValue>;
  tags?: Record<string, string>;
  /** Makes this a nested run (tag mlflow.parentRunId). */
  parentRunId?: string;
  /** Node only (createNodeClient): sample CPU and memory every intervalMs into system/... metrics. */
  systemMetrics?: { intervalMs: number };
  /** How often buffered data is sent when no batch is full (default 1000 ms; 0 turns the timer off). */
  flushIntervalMs?: number;
}

/**
 * A capability plugged into startRun by an entry point (the node extras: code checkpoint,
 * system metrics, crash handling), which keeps the core SDK free of node-only modules.
 */
export interface RunExtension {
  /** Tags for runs/create; a `mlflow.user` tag also becomes the run's user_id. */
  startTags?(options: StartRunOptions): Promise<KeyValue[]> | KeyValue[];
  /** Called once the run is live, e.g. to start samplers (register their stop with run.onStop). */
  attach?(run: ActiveRun, options: StartRunOptions): void;
}
