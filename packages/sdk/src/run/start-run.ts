import { CairnError, isCairnError, type Experiment, type KeyValue } from "@cairn/core";
import type { ArtifactsApi } from "../artifacts/artifacts-api.js";
import type { ExperimentsApi } from "../client/experiments-api.js";
import type { RunsApi } from "../client/runs-api.js";
import type { ModelLoggingDeps } from "../models/log-model.js";
import { ActiveRun } from "./active-run.js";
import type { RunExtension, StartRunOptions } from "./run-extension.js";

/** MLflow's tag that makes a run nested under another. */
export const PARENT_RUN_TAG = "mlflow.parentRunId";
/** MLflow's tag naming who started a run; also sent as the run's user_id. */
export const USER_TAG = "mlflow.user";
const DEFAULT_EXPERIMENT_ID = "0";
const DEFAULT_FLUSH_INTERVAL_MS = 1000;

/** What startRun needs from its client. */
export interface StartRunDeps {
  experiments: ExperimentsApi;
  runs: RunsApi;
  /** Optional so callers composing their own deps without artifacts keep working. */
  artifacts?: ArtifactsApi;
  /** What run.logModel needs; only clients with a local file system have it. */
  models?: ModelLoggingDeps;
  now: () => number;
  extensions: readonly RunExtension[];
}

const isNotFound = (error: unknown) => isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST";

/**
 * Finds an experiment by id or name: an all-digit string is tried as an id first, then as a
 * name; undefined when neither exists.
 */
export async function resolveExperiment(experiments: ExperimentsApi, idOrName: string): Promise<Experiment | undefined> {
  const attempts = /^\d+$/.test(idOrName)
    ? [() => experiments.get({ experiment_id: idOrName }), () => experiments.getByName({ experiment_name: idOrName })]
    : [() => experiments.getByName({ experiment_name: idOrName })];
  for (const attempt of attempts) {
    try {
      return (await attempt()).experiment;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return undefined;
}

/** The id of the experiment named (or numbered) idOrName, creating it by name when missing. */
export async function ensureExperiment(experiments: ExperimentsApi, idOrName: string): Promise<string> {
  let experiment = await resolveExperiment(experiments, idOrName);
  if (!experiment) {
    try {
      return (await experiments.create({ name: idOrName })).experiment_id;
    } catch (error) {
      // Another process created it between our lookup and our create: use theirs.
      if (!isCairnError(error) || error.code !== "RESOURCE_ALREADY_EXISTS") throw error;
      experiment = (await experiments.getByName({ experiment_name: idOrName })).experiment;
    }
  }
  if (experiment.lifecycle_stage === "deleted") {
    throw new CairnError(
      "INVALID_STATE",
      `Experiment '${experiment.name}' (id ${experiment.experiment_id}) is deleted. Restore it (cairn experiments restore ${experiment.experiment_id}) or use another name.`,
    );
  }
  return experiment.experiment_id;
}

/** Creates the experiment if needed and the run, logs its params and plugs in the extensions. */
export async function startRun(deps: StartRunDeps, options: StartRunOptions = {}): Promise<ActiveRun> {
  const experimentId = options.experimentId ?? (options.experiment ? await ensureExperiment(deps.experiments, options.experiment) : DEFAULT_EXPERIMENT_ID);
  const tags = new Map<string, string>();
  for (const extension of deps.extensions) {
    for (const tag of (await extension.startTags?.(options)) ?? []) tags.set(tag.key, tag.value);
  }
  // The caller's own tags win over captured ones.
  for (const [key, value] of Object.entries(options.tags ?? {})) tags.set(key, value);
  if (options.parentRunId) tags.set(PARENT_RUN_TAG, options.parentRunId);
  const { run } = await deps.runs.create({
    experiment_id: experimentId,
    user_id: tags.get(USER_TAG) ?? "",
    start_time: deps.now(),
    ...(options.runName ? { run_name: options.runName } : {}),
    tags: [...tags].map(([key, value]): KeyValue => ({ key, value })),
  });
  const active = new ActiveRun({ runs: deps.runs, artifacts: deps.artifacts, models: deps.models, info: run.info, now: deps.now, flushIntervalMs: options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS });
  try {
    if (options.params) {
      active.logParams(options.params);
      await active.flush();
    }
    for (const extension of deps.extensions) extension.attach?.(active, options);
  } catch (error) {
    return endAfterFailure(active, error);
  }
  return active;
}

/** Runs body inside a run: FINISHED when it resolves, FAILED (and the error rethrown) when it throws. */
export async function withRun<T>(deps: StartRunDeps, options: StartRunOptions, body: (run: ActiveRun) => Promise<T> | T): Promise<T> {
  const run = await startRun(deps, options);
  let result: T;
  try {
    result = await body(run);
  } catch (error) {
    return endAfterFailure(run, error);
  }
  await run.end("FINISHED");
  return result;
}

/** Ends run as FAILED and throws error; if ending fails too, both are thrown together. */
async function endAfterFailure(run: ActiveRun, error: unknown): Promise<never> {
  try {
    await run.end("FAILED");
  } catch (endError) {
    throw new AggregateError([error, endError], `Run ${run.runId} failed and could not be ended as FAILED; see .errors.`);
  }
  throw error;
}
