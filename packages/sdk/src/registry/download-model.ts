import type { ModelVersion } from "@cairn/core";
import type { ArtifactsApi, TransferOptions, TransferResult } from "../artifacts/artifacts-api.js";
import type { RunsApi } from "../client/runs-api.js";
import type { RegistryApi } from "./model-registry.js";

/** What downloadModel fetched: the version it resolved to, where its files were, and what was written. */
export interface DownloadedModel extends TransferResult {
  version: ModelVersion;
  artifactUri: string;
}

/** What downloadModel needs from its client. */
export interface DownloadModelDeps {
  registry: RegistryApi;
  runs: RunsApi;
  artifacts: ArtifactsApi;
}

/** Resolves a models:/ URI and downloads the version's files (its directory, recursively) into localDir. */
export async function downloadModel(deps: DownloadModelDeps, modelUri: string, localDir: string, options: TransferOptions = {}): Promise<DownloadedModel> {
  const version = await deps.registry.resolveModelUri(modelUri);
  const { artifact_uri } = await deps.registry.getModelVersionDownloadUri({ name: version.name, version: version.version });
  const { artifactUri, path } = await locate(deps.runs, artifact_uri);
  const result = await deps.artifacts.download(artifactUri, path, localDir, options);
  return { ...result, version, artifactUri: artifact_uri };
}

/** runs:/<run_id>/<path> means <path> under that run's artifact URI; anything else is an artifact URI itself. */
async function locate(runs: RunsApi, uri: string): Promise<{ artifactUri: string; path: string }> {
  const match = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (!match) return { artifactUri: uri, path: "" };
  const { run } = await runs.get({ run_id: match[1]! });
  return { artifactUri: run.info.artifact_uri, path: match[2] ?? "" };
}
