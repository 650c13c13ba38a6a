import type { TrackingStore } from "@cairn/core";
import type { StoreContext } from "./tracking/context.js";
import * as experiments from "./tracking/experiments.js";
import { getMetricHistoryDownsampled } from "./tracking/metric-downsample.js";
import * as history from "./tracking/metric-history.js";
import { logBatch } from "./tracking/log-batch.js";
import * as loggedModels from "./tracking/logged-models.js";
import * as runs from "./tracking/runs.js";
import { searchRuns } from "./tracking/search-runs.js";

/** The TrackingStore over either dialect: each method delegates to the module for its concept. */
export function createTrackingStore(ctx: StoreContext): TrackingStore {
  return {
    createExperiment: (input) => experiments.createExperiment(ctx, input),
    getExperiment: (id) => experiments.getExperiment(ctx, id),
    getExperimentByName: (name) => experiments.getExperimentByName(ctx, name),
    searchExperiments: (input) => experiments.searchExperiments(ctx, input),
    renameExperiment: (id, name) => experiments.renameExperiment(ctx, id, name),
    deleteExperiment: (id) => experiments.setExperimentLifecycle(ctx, id, "deleted"),
    restoreExperiment: (id) => experiments.setExperimentLifecycle(ctx, id, "active"),
    setExperimentTag: (id, tag) => experiments.setExperimentTag(ctx, id, tag),
    deleteExperimentTag: (id, key) => experiments.deleteExperimentTag(ctx, id, key),

    createRun: (input) => runs.createRun(ctx, input),
    getRun: (id) => runs.getRun(ctx, id),
    updateRun: (input) => runs.updateRun(ctx, input),
    deleteRun: (id) => runs.setRunLifecycle(ctx, id, "deleted"),
    restoreRun: (id) => runs.setRunLifecycle(ctx, id, "active"),
    logBatch: (id, batch) => logBatch(ctx, id, batch),
    deleteTag: (id, key) => runs.deleteTag(ctx, id, key),
    logInputs: (id, datasets, models) => runs.logInputs(ctx, id, datasets, models),
    logOutputs: (id, models) => runs.logOutputs(ctx, id, models),
    searchRuns: (input) => searchRuns(ctx, input),
    getMetricHistory: (input) => history.getMetricHistory(ctx, input),
    getMetricHistoryBulkInterval: (input) => history.getMetricHistoryBulkInterval(ctx, input),
    getMetricHistoryDownsampled: (input) => getMetricHistoryDownsampled(ctx, input),

    createLoggedModel: (input) => loggedModels.createLoggedModel(ctx, input),
    getLoggedModel: (id) => loggedModels.getLoggedModel(ctx, id),
    finalizeLoggedModel: (id, status) => loggedModels.finalizeLoggedModel(ctx, id, status),
    deleteLoggedModel: (id) => loggedModels.deleteLoggedModel(ctx, id),
    setLoggedModelTags: (id, tags) => loggedModels.setLoggedModelTags(ctx, id, tags),
    deleteLoggedModelTag: (id, key) => loggedModels.deleteLoggedModelTag(ctx, id, key),
    logLoggedModelParams: (id, params) => loggedModels.logLoggedModelParams(ctx, id, params),
    searchLoggedModels: (input) => loggedModels.searchLoggedModels(ctx, input),

    close: () => ctx.d.db.destroy(),
  };
}
