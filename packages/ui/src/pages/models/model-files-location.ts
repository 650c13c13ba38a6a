import type { ModelLineage } from "@cairn/core";
import { joinArtifactPath } from "@cairn/sdk";

const PROXIED = "mlflow-artifacts:";

/**
 * The mlflow-artifacts:/ URI of a version's model directory, which the server's artifact proxy
 * serves: the logged model's location for models:/m-<id> sources, the run's artifacts for
 * runs:/ sources, the source itself when it is already such a URI; undefined for anything else
 * (s3://, a local path), which the browser cannot read.
 */
export function modelFilesLocation(source: string, lineage: ModelLineage | undefined): string | undefined {
  const logged = lineage?.logged_model?.info.artifact_uri;
  if (logged?.startsWith(PROXIED)) return logged;
  if (source.startsWith(PROXIED)) return source;
  const inRun = /^runs:\/+([^/]+)\/?(.*)$/.exec(source);
  const runArtifacts = lineage?.run?.info.artifact_uri;
  if (inRun && lineage?.run?.info.run_id === inRun[1] && runArtifacts?.startsWith(PROXIED)) return joinArtifactPath(runArtifacts, inRun[2]);
  return undefined;
}
