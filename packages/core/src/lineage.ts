import type { CairnStore } from "./cairn-store.js";
import type { DatasetInput, Experiment, LoggedModel, Run } from "./entities.js";
import { isCairnError } from "./errors.js";
import type { ModelVersion, RegisteredModel } from "./registry-entities.js";
import { parseJsonText } from "./entities.js";

/** Where a model version's code came from, read from its source run's checkpoint tags. */
export interface CodeCheckpoint {
  git_commit?: string;
  git_branch?: string;
  git_repo_url?: string;
  git_dirty?: boolean;
  source_name?: string;
  source_type?: string;
}

/** Everything a model version came from, in one answer. */
export interface ModelLineage {
  model_version: ModelVersion;
  registered_model: Pick<RegisteredModel, "name" | "description" | "tags" | "aliases">;
  logged_model?: LoggedModel;
  run?: Run;
  experiment?: Experiment;
  code?: CodeCheckpoint;
  datasets?: DatasetInput[];
  /** Links that could not be followed (e.g. a source run that was deleted), in plain words. */
  missing?: string[];
}

const CODE_TAGS: Record<string, keyof CodeCheckpoint> = {
  "mlflow.source.git.commit": "git_commit",
  "mlflow.source.git.branch": "git_branch",
  "mlflow.source.git.repoURL": "git_repo_url",
  "mlflow.source.name": "source_name",
  "mlflow.source.type": "source_type",
};

/**
 * Follows a model version back to its logged model, source run, experiment, datasets and code
 * checkpoint. The version must exist; every later link is followed where it can be and listed
 * in `missing` where it cannot, so one broken link does not hide the rest.
 */
export async function modelLineage(store: CairnStore, name: string, ref: { version?: string; alias?: string }): Promise<ModelLineage> {
  const version = ref.alias !== undefined ? await store.getModelVersionByAlias(name, ref.alias) : await store.getModelVersion(name, ref.version ?? "");
  const model = await store.getRegisteredModel(name);
  const lineage: ModelLineage = {
    model_version: version,
    registered_model: { name: model.name, description: model.description, tags: model.tags, aliases: model.aliases },
  };
  const missing: string[] = [];
  const follow = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (!isCairnError(error) || error.code !== "RESOURCE_DOES_NOT_EXIST") throw error;
      missing.push(`${what} no longer exists`);
      return undefined;
    }
  };

  if (version.model_id) lineage.logged_model = await follow(`logged model ${version.model_id}`, () => store.getLoggedModel(version.model_id!));
  const runId = version.run_id || lineage.logged_model?.info.source_run_id || /^runs:\/([0-9a-f]{32})\//.exec(version.source)?.[1];
  if (runId) {
    const run = await follow(`source run ${runId}`, async () => parseJsonText(await store.getRun(runId)));
    if (run) {
      lineage.run = run;
      lineage.code = codeCheckpoint(run);
      if (run.inputs.dataset_inputs) lineage.datasets = run.inputs.dataset_inputs;
    }
  } else {
    missing.push("no source run: the version was registered from a path outside any run");
  }
  const experimentId = lineage.run?.info.experiment_id ?? lineage.logged_model?.info.experiment_id;
  if (experimentId !== undefined) lineage.experiment = await follow(`experiment ${experimentId}`, () => store.getExperiment(experimentId));
  if (missing.length > 0) lineage.missing = missing;
  return lineage;
}

function codeCheckpoint(run: Run): CodeCheckpoint | undefined {
  const code: CodeCheckpoint = {};
  for (const tag of run.data.tags ?? []) {
    const field = CODE_TAGS[tag.key];
    if (field && field !== "git_dirty") code[field] = tag.value;
    if (tag.key === "cairn.source.git.dirty") code.git_dirty = tag.value === "true";
  }
  return Object.keys(code).length > 0 ? code : undefined;
}
