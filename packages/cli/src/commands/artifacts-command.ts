import type { Command } from "commander";
import { joinArtifactPath } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { artifactTable } from "../output/artifact-views.js";
import { formatBytes } from "../output/format.js";
import { withTransferBar } from "../output/transfer-progress.js";
import { clientFor, examples } from "./shared.js";

/** `cairn artifacts ...`: upload, list, download a run's artifacts. */
export function addArtifactsCommand(program: Command, io: CliIo): void {
  const artifacts = program
    .command("artifacts")
    .description("upload, list and download a run's artifacts")
    .addHelpText("after", examples("cairn artifacts upload ./model --run 1a2b3c --artifact-path model", "cairn artifacts list --run 1a2b3c", "cairn artifacts download --run 1a2b3c --path model --dest ./out"));

  /** The run's artifact URI; a missing run is RESOURCE_DOES_NOT_EXIST (exit 14). */
  async function runArtifactUri(command: Command, runId: string): Promise<string> {
    return (await clientFor(command, io).runs.get({ run_id: runId })).run.info.artifact_uri;
  }

  artifacts
    .command("upload")
    .description("upload a file, or a directory's files recursively, to a run's artifacts")
    .argument("<local-path>", "file or directory to upload")
    .requiredOption("--run <run_id>", "the run whose artifacts receive the files")
    .option("--artifact-path <path>", "directory under the run's artifact root (default: the root)")
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--json", "print {files, bytes} as JSON")
    .addHelpText("after", examples("cairn artifacts upload metrics.csv --run 1a2b3c", "cairn artifacts upload ./model --run 1a2b3c --artifact-path model --progress"))
    .action(async (localPath: string, options: { run: string; artifactPath?: string; progress?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const uri = await runArtifactUri(command, options.run);
      const result = await withTransferBar(io, "upload", options.progress, (bar) =>
        client.artifacts.upload(uri, localPath, { artifactPath: options.artifactPath, onProgress: bar.onProgress }),
      );
      if (options.json) writeJson(io.stdout, result);
      else writeLine(io.stdout, `Uploaded ${plural(result.files.length, "file")} (${formatBytes(result.bytes)}) to ${joinArtifactPath(uri, options.artifactPath)}.`);
    });

  artifacts
    .command("list")
    .description("list the files and directories directly under a path of a run's artifacts")
    .requiredOption("--run <run_id>", "the run whose artifacts to list")
    .option("--path <path>", "directory under the run's artifact root (default: the root)")
    .option("--json", "print a JSON array of {path, is_dir, file_size}")
    .addHelpText("after", examples("cairn artifacts list --run 1a2b3c", "cairn artifacts list --run 1a2b3c --path model --json"))
    .action(async (options: { run: string; path?: string; json?: boolean }, command: Command) => {
      const uri = await runArtifactUri(command, options.run);
      const files = await clientFor(command, io).artifacts.list(uri, options.path);
      if (options.json) writeJson(io.stdout, files);
      else writeLine(io.stdout, files.length === 0 ? "No artifacts found." : artifactTable(files));
    });

  artifacts
    .command("download")
    .description("download a file, or a directory recursively, from a run's artifacts")
    .requiredOption("--run <run_id>", "the run whose artifacts to download")
    .option("--path <path>", "file or directory under the run's artifact root (default: everything)")
    .requiredOption("--dest <dir>", "local directory to write into (created if missing)")
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--json", "print {files, bytes} as JSON")
    .addHelpText("after", examples("cairn artifacts download --run 1a2b3c --dest ./out", "cairn artifacts download --run 1a2b3c --path model/MLmodel --dest ."))
    .action(async (options: { run: string; path?: string; dest: string; progress?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const uri = await runArtifactUri(command, options.run);
      const result = await withTransferBar(io, "download", options.progress, (bar) =>
        client.artifacts.download(uri, options.path ?? "", options.dest, { onProgress: bar.onProgress }),
      );
      if (options.json) writeJson(io.stdout, result);
      else writeLine(io.stdout, `Downloaded ${plural(result.files.length, "file")} (${formatBytes(result.bytes)}) to ${options.dest}.`);
    });
}

/** "1 file", "3 files". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
