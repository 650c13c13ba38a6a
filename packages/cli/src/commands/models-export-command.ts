import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { CairnError } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatBytes } from "../output/format.js";
import { withTransferBar } from "../output/transfer-progress.js";
import { plural } from "./artifacts-command.js";
import { clientFor, examples } from "./shared.js";

/** What `cairn models export` can produce. */
export const EXPORT_TARGETS = ["web"] as const;

/** --feature-names a,b,c: non-empty names separated by commas. */
function parseFeatureNames(value: string): string[] {
  const names = value.split(",").map((name) => name.trim());
  if (names.some((name) => name === "")) throw new InvalidArgumentError(`expected comma-separated names such as sepal_length,sepal_width; got '${value}'.`);
  return names;
}

interface ExportOptions {
  target: string;
  out: string;
  featureNames?: string[];
  progress?: boolean;
  json?: boolean;
}

/** Adds `cairn models export <model-uri> --target web --out <dir>` to the `cairn models` command. */
export function addModelsExportCommand(models: Command, io: CliIo): void {
  models
    .command("export")
    .description("export a model version to run outside Cairn; --target web writes a static browser bundle (onnxruntime-web, no server)")
    .argument("<model-uri>", "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>")
    .requiredOption("--out <dir>", "new or empty directory to write the bundle into")
    .option("--target <target>", `what to export for: ${EXPORT_TARGETS.join(", ")}`, "web")
    .option("--feature-names <names>", "comma-separated feature column names, for records by name when the signature has none", parseFeatureNames)
    .option("--progress", "show a download progress bar on stderr even when it is not a terminal")
    .option("--json", "print {name, version, target, out, files, bytes} as JSON")
    .addHelpText(
      "after",
      examples(
        "cairn models export models:/iris@champion --target web --out ./iris-web",
        "cairn models export models:/churn/3 --out ./churn-web --feature-names age,income,tenure",
        "python3 -m http.server -d ./iris-web 8000   # then open http://localhost:8000/",
      ),
    )
    .action(async (uri: string, options: ExportOptions, command: Command) => {
      if (!(EXPORT_TARGETS as readonly string[]).includes(options.target)) {
        throw new CairnError("INVALID_PARAMETER_VALUE", `Unknown export target '${options.target}'; the targets are: ${EXPORT_TARGETS.join(", ")}.`);
      }
      const out = resolve(options.out);
      // Loaded here, not at the top: @cairn/serve brings onnxruntime, which other commands never need.
      const serve = await import("@cairn/serve");
      // Before the download, which can be large: a destination that cannot take the bundle fails at once.
      await serve.checkBundleDestination(out);
      const client = clientFor(command, io);
      const work = await mkdtemp(resolve(tmpdir(), "cairn-export-"));
      try {
        const { version } = await withTransferBar(io, "download", options.progress, (bar) => client.downloadModel(uri, work, { onProgress: bar.onProgress }));
        const result = await serve.writeWebBundleFromDirectory({
          modelDir: work,
          modelName: version.name,
          version: version.version,
          outDir: out,
          featureNames: options.featureNames,
          where: `${uri} (version ${version.version})`,
        });
        const files = result.files.map((f) => f.path);
        if (options.json) {
          writeJson(io.stdout, { name: version.name, version: version.version, target: options.target, out, files, bytes: result.bytes, manifest: result.manifest });
          return;
        }
        writeLine(io.stdout, `Exported '${version.name}' version ${version.version} for the web: ${plural(files.length, "file")} (${formatBytes(result.bytes)}) in ${out}.`);
        writeLine(io.stdout, `Serve that directory with any static file server (it must send .wasm as application/wasm) and open index.html; import loadModel from predict.js in your own pages.`);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
}
