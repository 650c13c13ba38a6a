import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { invalidParameter } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import type { CliIo } from "../cli-io.js";
import { withTransferBar } from "../output/transfer-progress.js";

const RUNS_URI = /^runs:\/([^/]+)\/(.+)$/;

/** A reference given as a local path or runs:/RUN_ID/path, made available as a local file for the duration of use. */
export async function withReferenceFile<T>(
  client: CairnClient,
  io: CliIo,
  reference: string,
  progress: boolean | undefined,
  use: (path: string, source: string) => Promise<T>,
): Promise<T> {
  if (!reference.startsWith("runs:")) return use(reference, basename(reference));
  const match = RUNS_URI.exec(reference);
  if (!match) throw invalidParameter(`Invalid reference '${reference}': a run artifact is runs:/<run_id>/<path to a file>, e.g. runs:/1a2b3c/data/train.parquet.`);
  const [, runId, artifactPath] = match as unknown as [string, string, string];
  // RESOURCE_DOES_NOT_EXIST (exit 14) names the run when it is missing.
  const artifactUri = (await client.runs.get({ run_id: runId })).run.info.artifact_uri;
  const dir = await mkdtemp(join(tmpdir(), "cairn-reference-"));
  try {
    const result = await withTransferBar(io, "download", progress, (bar) => client.artifacts.download(artifactUri, artifactPath, dir, { onProgress: bar.onProgress }));
    if (result.files.length !== 1) {
      throw invalidParameter(`${reference} is a directory of ${result.files.length} files; name one CSV, JSON-lines or Parquet file in it, e.g. ${reference}/train.parquet.`);
    }
    return await use(result.files[0]!, reference);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
