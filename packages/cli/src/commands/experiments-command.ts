import type { Command } from "commander";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { experimentDetail, experimentTable } from "../output/experiment-views.js";
import {
  clientFor,
  collectPages,
  DEFAULT_MAX_RESULTS,
  examples,
  noteTruncated,
  parseMaxResults,
  parseTag,
  requireExperiment,
  toViewType,
  viewOption,
} from "./shared.js";

/** `cairn experiments ...`: list, create, get, delete, restore. */
export function addExperimentsCommand(program: Command, io: CliIo): void {
  const experiments = program
    .command("experiments")
    .description("list, create, inspect, delete and restore experiments")
    .addHelpText("after", examples("cairn experiments list", "cairn experiments create churn --tag team=ml", "cairn experiments get churn --json"));

  experiments
    .command("list")
    .description("list experiments (active ones unless --view says otherwise)")
    .addOption(viewOption("experiments"))
    .option("--filter <filter>", "MLflow search filter, e.g. \"name LIKE 'churn%'\"")
    .option("--max-results <n>", "stop after this many experiments", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn experiments list --view all", "cairn experiments list --filter \"name LIKE 'churn%'\" --json"))
    .action(async (options: { view: string; filter?: string; maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages(options.maxResults, async (max_results, page_token) => {
        const page = await client.experiments.search({ view_type: toViewType(options.view), filter: options.filter, max_results, page_token });
        return { items: page.experiments, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No experiments found." : experimentTable(items));
      noteTruncated(io, items.length, more);
    });

  experiments
    .command("create")
    .description("create an experiment")
    .argument("<name>", "experiment name (unique)")
    .option("--artifact-location <location>", "where its runs' artifacts go (default: the server's artifact root)")
    .option("--tag <key=value>", "an experiment tag; repeat for more", parseTag)
    .option("--json", "print {experiment_id, name} as JSON")
    .addHelpText("after", examples("cairn experiments create churn", "cairn experiments create churn --tag team=ml --tag owner=ada"))
    .action(async (name: string, options: { artifactLocation?: string; tag?: { key: string; value: string }[]; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { experiment_id } = await client.experiments.create({ name, artifact_location: options.artifactLocation, tags: options.tag });
      if (options.json) writeJson(io.stdout, { experiment_id, name });
      else writeLine(io.stdout, `Created experiment '${name}' with id ${experiment_id}.`);
    });

  experiments
    .command("get")
    .description("show one experiment")
    .argument("<id-or-name>", "experiment id or name (an all-digit value is tried as an id first)")
    .option("--json", "print the experiment as JSON")
    .addHelpText("after", examples("cairn experiments get 1", "cairn experiments get churn --json"))
    .action(async (idOrName: string, options: { json?: boolean }, command: Command) => {
      const experiment = await requireExperiment(clientFor(command, io), idOrName);
      if (options.json) writeJson(io.stdout, experiment);
      else writeLine(io.stdout, experimentDetail(experiment));
    });

  for (const [action, past, describe] of [
    ["delete", "Deleted", "soft-delete an experiment and its runs (restore brings them back)"],
    ["restore", "Restored", "restore a deleted experiment and its runs"],
  ] as const) {
    experiments
      .command(action)
      .description(describe)
      .argument("<id>", "experiment id")
      .addHelpText("after", examples(`cairn experiments ${action} 3`))
      .action(async (id: string, _options: object, command: Command) => {
        await clientFor(command, io).experiments[action]({ experiment_id: id });
        writeLine(io.stdout, `${past} experiment ${id}.`);
      });
  }
}
