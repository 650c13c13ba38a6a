import { InvalidArgumentError, type Command } from "commander";
import { MODEL_VERSION_STAGES, type ModelVersion, type RegisteredModel } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatBytes } from "../output/format.js";
import { modelVersionTable, registeredModelTable } from "../output/model-views.js";
import { lineageView } from "../output/lineage-view.js";
import { withTransferBar } from "../output/transfer-progress.js";
import { plural } from "./artifacts-command.js";
import { clientFor, collectPages, DEFAULT_MAX_RESULTS, examples, noteTruncated, parseMaxResults, parseTag } from "./shared.js";
import { addModelsExportCommand } from "./models-export-command.js";
import { addModelsRetireCommand } from "./models-retire-command.js";
import { addModelsApprovalCommands } from "./models-approval-commands.js";
import { addModelsCardCommand } from "./models-card-command.js";

/** A version number argument: a positive integer, as the registry numbers them. */
function parseVersion(value: string): string {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a version number such as 3, got '${value}'.`);
  return value;
}

/** A stage argument, matched case-insensitively to MLflow's spelling. */
function parseStage(value: string): string {
  const stage = MODEL_VERSION_STAGES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!stage) throw new InvalidArgumentError(`expected one of ${MODEL_VERSION_STAGES.join(", ")}, got '${value}'.`);
  return stage;
}

/** A filter literal for a model name; MLflow's grammar has no escapes, so the other quote is used when needed. */
function quoteName(name: string): string {
  return name.includes("'") ? `"${name}"` : `'${name}'`;
}

/** `cairn models ...`: the model registry. */
export function addModelsCommand(program: Command, io: CliIo): void {
  const models = program
    .command("models")
    .description("list, register, alias, tag, transition and download registered models")
    .addHelpText("after", examples("cairn models list", "cairn models register churn --source runs:/1a2b3c/model --run 1a2b3c", "cairn models download models:/churn@champion --dest ./churn"));

  models
    .command("list")
    .description("list registered models")
    .option("--filter <filter>", "MLflow search filter, e.g. \"name LIKE 'churn%'\"")
    .option("--max-results <n>", "stop after this many models", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn models list", "cairn models list --filter \"name LIKE 'churn%'\" --json"))
    .action(async (options: { filter?: string; maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages<RegisteredModel>(options.maxResults, async (max_results, page_token) => {
        const page = await client.registry.searchRegisteredModels({ filter: options.filter, max_results, page_token });
        return { items: page.registered_models, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No registered models found." : registeredModelTable(items));
      noteTruncated(io, items.length, more);
    });

  models
    .command("versions")
    .description("list the versions of a registered model, newest first")
    .argument("<name>", "registered model name")
    .option("--max-results <n>", "stop after this many versions", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn models versions churn", "cairn models versions churn --json"))
    .action(async (name: string, options: { maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      // Asked first so that an unknown model is RESOURCE_DOES_NOT_EXIST, not an empty list; its aliases fill the table.
      const { registered_model } = await client.registry.getRegisteredModel({ name });
      const { items, more } = await collectPages<ModelVersion>(options.maxResults, async (max_results, page_token) => {
        const page = await client.registry.searchModelVersions({ filter: `name = ${quoteName(name)}`, order_by: ["version_number DESC"], max_results, page_token });
        return { items: page.model_versions, next_page_token: page.next_page_token };
      });
      const aliases = new Map<string, string[]>();
      for (const a of registered_model.aliases ?? []) aliases.set(a.version, [...(aliases.get(a.version) ?? []), a.alias]);
      const versions = items.map((v) => ({ ...v, aliases: aliases.get(v.version) ?? [] }));
      if (options.json) writeJson(io.stdout, versions);
      else writeLine(io.stdout, versions.length === 0 ? `Registered model '${name}' has no versions.` : modelVersionTable(versions));
      noteTruncated(io, items.length, more);
    });

  models
    .command("register")
    .description("register a new version of a model (creating the model if needed)")
    .argument("<name>", "registered model name")
    .requiredOption("--source <uri>", "where the model's files are: runs:/<run_id>/<path> or an artifact URI")
    .option("--run <run_id>", "the run that produced the model")
    .option("--tag <key=value>", "a version tag; repeat for more", parseTag)
    .option("--json", "print the new version as JSON")
    .addHelpText("after", examples("cairn models register churn --source runs:/1a2b3c/model --run 1a2b3c"))
    .action(async (name: string, options: { source: string; run?: string; tag?: { key: string; value: string }[]; json?: boolean }, command: Command) => {
      const tags = Object.fromEntries((options.tag ?? []).map((t) => [t.key, t.value]));
      const version = await clientFor(command, io).registry.registerModel(name, options.source, { runId: options.run, tags });
      if (options.json) writeJson(io.stdout, version);
      else writeLine(io.stdout, `Registered '${name}' version ${version.version} from ${version.source}.`);
    });

  models
    .command("alias")
    .description("point an alias at a version, or delete it with --delete")
    .argument("<name>", "registered model name")
    .argument("<alias>", "alias, e.g. champion")
    .argument("[version]", "version the alias points at (required unless --delete)", parseVersion)
    .option("--delete", "delete the alias instead")
    .addHelpText("after", examples("cairn models alias churn champion 3", "cairn models alias churn champion --delete"))
    .action(async (name: string, alias: string, version: string | undefined, options: { delete?: boolean }, command: Command) => {
      if (options.delete && version !== undefined) command.error("error: give either a version or --delete, not both.");
      if (!options.delete && version === undefined) command.error("error: missing argument 'version' (or pass --delete to remove the alias).");
      const client = clientFor(command, io);
      if (options.delete) {
        await client.registry.deleteRegisteredModelAlias({ name, alias });
        writeLine(io.stdout, `Deleted alias '${alias}' of '${name}'.`);
        return;
      }
      await client.registry.setRegisteredModelAlias({ name, alias, version: version! });
      writeLine(io.stdout, `Alias '${alias}' of '${name}' now points at version ${version}.`);
    });

  models
    .command("tag")
    .description("set a tag on a registered model, or on one of its versions with -v/--model-version")
    .argument("<name>", "registered model name")
    .argument("<key=value>", "the tag", (value: string) => parseTag(value)[0]!)
    // Not --version: commander reads cairn's own --version anywhere on the line, before any subcommand sees it.
    .option("-v, --model-version <version>", "tag this version instead of the model", parseVersion)
    .addHelpText("after", examples("cairn models tag churn team=ml", "cairn models tag churn -v 3 validated=true"))
    .action(async (name: string, tag: { key: string; value: string }, options: { modelVersion?: string }, command: Command) => {
      const client = clientFor(command, io);
      const version = options.modelVersion;
      if (version) await client.registry.setModelVersionTag({ name, version, ...tag });
      else await client.registry.setRegisteredModelTag({ name, ...tag });
      writeLine(io.stdout, `Set tag ${tag.key}=${tag.value} on '${name}'${version ? ` version ${version}` : ""}.`);
    });

  models
    .command("transition")
    .description("move a version to a stage (None, Staging, Production, Archived)")
    .argument("<name>", "registered model name")
    .argument("<version>", "version number", parseVersion)
    .argument("<stage>", `one of ${MODEL_VERSION_STAGES.join(", ")}`, parseStage)
    .option("--archive-existing", "archive the versions currently in that stage")
    .option("--json", "print the version as JSON")
    .addHelpText("after", examples("cairn models transition churn 3 Production --archive-existing"))
    .action(async (name: string, version: string, stage: string, options: { archiveExisting?: boolean; json?: boolean }, command: Command) => {
      const { model_version } = await clientFor(command, io).registry.transitionModelVersionStage({
        name,
        version,
        stage,
        archive_existing_versions: options.archiveExisting === true,
      });
      if (options.json) writeJson(io.stdout, model_version);
      else writeLine(io.stdout, `'${name}' version ${version} is now in stage ${model_version.current_stage}.`);
    });

  models
    .command("lineage")
    .description("show where a model version came from: run, params, metrics, code checkpoint, datasets, experiment")
    .argument("<model-uri>", "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>")
    .option("--json", "print the lineage as JSON")
    .addHelpText("after", examples("cairn models lineage models:/churn@champion", "cairn models lineage models:/churn/3 --json"))
    .action(async (uri: string, options: { json?: boolean }, command: Command) => {
      const lineage = await clientFor(command, io).registry.lineage(uri);
      if (options.json) writeJson(io.stdout, lineage);
      else writeLine(io.stdout, lineageView(lineage));
    });

  models
    .command("download")
    .description("download a model version's files")
    .argument("<model-uri>", "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>")
    .requiredOption("--dest <dir>", "local directory to write into (created if missing)")
    .option("--progress", "show a progress bar on stderr even when it is not a terminal")
    .option("--json", "print {name, version, files, bytes} as JSON")
    .addHelpText("after", examples("cairn models download models:/churn@champion --dest ./churn", "cairn models download models:/churn/Production --dest ./prod --progress"))
    .action(async (uri: string, options: { dest: string; progress?: boolean; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const result = await withTransferBar(io, "download", options.progress, (bar) => client.downloadModel(uri, options.dest, { onProgress: bar.onProgress }));
      const { name, version } = result.version;
      if (options.json) writeJson(io.stdout, { name, version, source: result.artifactUri, files: result.files, bytes: result.bytes });
      else writeLine(io.stdout, `Downloaded '${name}' version ${version}: ${plural(result.files.length, "file")} (${formatBytes(result.bytes)}) to ${options.dest}.`);
    });
  addModelsExportCommand(models, io);
  addModelsRetireCommand(models, io);
  addModelsApprovalCommands(models, io);
  addModelsCardCommand(models, io);
}
