import { stat } from "node:fs/promises";
import { dirname, isAbsolute, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { isCairnError, resolveArtifactPath, type ArtifactStore, type DeletedRun } from "@cairn/core";
import { createLocalArtifactStore } from "@cairn/artifacts";

const PROXIED = /^mlflow-artifacts:(\/\/[^/]*)?\/*/;

/** Where a deleted run's files are, as the server can reach them: a store and the run's directory in it. */
export type RunArtifactLocation =
  | { store: ArtifactStore; /** <...>/<run_id>/artifacts */ path: string; /** <...>/<run_id> */ runDir: string }
  | { skipped: string };

/**
 * Finds a deleted run's artifacts: under the server's proxied root (mlflow-artifacts:/...,
 * through the server's ArtifactStore) or at a local path on this machine (through a local store
 * rooted at the experiment's directory, so nothing outside it is touched). The path must end in
 * <run_id>/artifacts, the layout Cairn and MLflow create, so gc never deletes a directory that
 * a hand-edited artifact_uri points elsewhere. Anything else is skipped with the reason.
 */
export async function locateRunArtifacts(run: DeletedRun, artifacts: ArtifactStore | undefined): Promise<RunArtifactLocation> {
  const uri = run.artifact_uri;
  const tail = `${run.run_id}/artifacts`;
  if (PROXIED.test(uri)) {
    if (!artifacts) return { skipped: "the server has no artifact store (start it with --artifacts-destination) to delete mlflow-artifacts:/ files through" };
    let path: string;
    try {
      path = resolveArtifactPath(uri.replace(PROXIED, ""));
    } catch (error) {
      if (isCairnError(error)) return { skipped: `its artifact_uri is not a valid path under the artifact root (${error.message})` };
      throw error;
    }
    if (path !== tail && !path.endsWith(`/${tail}`)) return { skipped: `its artifact_uri does not end in ${tail}, so gc leaves it alone` };
    return { store: artifacts, path, runDir: path.slice(0, -"/artifacts".length) };
  }
  const local = localPath(uri);
  if (local === undefined) {
    return { skipped: `its artifacts are at ${uri.slice(0, 200)}, outside the server's artifact root (mlflow-artifacts:/); delete them with that storage's own tools` };
  }
  const runDir = dirname(local);
  if (!local.endsWith(`/${tail}`)) return { skipped: `its artifact_uri does not end in ${tail}, so gc leaves it alone` };
  const experimentDir = dirname(runDir);
  const reachable = await stat(experimentDir).then(
    (info) => info.isDirectory(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") return false;
      throw error;
    },
  );
  if (!reachable) return { skipped: `its artifacts are at ${local}, which is not on this server's disk (a client may have written them on its own machine)` };
  return { store: createLocalArtifactStore(experimentDir), path: tail, runDir: run.run_id };
}

/** An absolute local path from a plain path or file: URI; undefined for other schemes and relative paths. */
function localPath(uri: string): string | undefined {
  if (uri.startsWith("file:")) {
    try {
      return normalize(fileURLToPath(uri));
    } catch (error) {
      if (error instanceof TypeError) return undefined; // file://host/... names another machine
      throw error;
    }
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(uri) || !isAbsolute(uri)) return undefined;
  return normalize(uri);
}

/** Bytes of every file under path (0 when nothing is there). */
export async function sizeOf(store: ArtifactStore, path: string): Promise<number> {
  let total = 0;
  for (const entry of await store.list(path)) {
    const child = `${path}/${entry.path}`;
    total += entry.is_dir ? await sizeOf(store, child) : (entry.file_size ?? 0);
  }
  return total;
}
