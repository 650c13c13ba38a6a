import type { Command } from "commander";
import type { Run } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { runDetail, runTable } from "../output/run-views.js";
import {
  clientFor,
  collectPages,
  DEFAULT_MAX_RESULTS,
  examples,
  noteTruncated,
  parseMaxResults,
  requireExperiment,
  toViewType,
  viewOption,
} from "./shared.js";

interface SearchOptions {
  experiment: string[];
  filter?: string;
  orderBy?: string[];
  view: string;
  maxResults: number;
  json?: boolean;
}

/** `cairn runs ...`: list, get, search. */
export function addRunsCommand(program: Command, io: CliIo): void {
  const runs = program
    .command("runs")
    .description("list, inspect and search runs")
    .addHelpText("after", examples("cairn runs list --experiment churn", "cairn runs search --experiment churn --filter \"metrics.loss < 0.2\""));

  async function search(command: Command, options: SearchOptions): Promise<void> {
    const client = clientFor(command, io);
    const experiments = await Promise.all(options.experiment.map((e) => requireExperiment(client, e)));
    const orderBy = options.orderBy ?? ["attributes.start_time DESC"];
    const { items, more } = await collectPages<Run>(options.maxResults, async (max_results, page_token) => {
      const page = await client.runs.search({
        experiment_ids: experiments.map((e) => e.experiment_id),
        filter: options.filter,
        order_by: orderBy,
        run_view_type: toViewType(options.view),
        max_results,
        page_token,
      });
      return { items: page.runs, next_page_token: page.next_page_token };
    });
    if (options.json) writeJson(io.stdout, items);
    else writeLine(io.stdout, items.length === 0 ? "No runs found." : runTable(items, orderBy));
    noteTruncated(io, items.length, more);
  }

  runs
    .command("list")
    .description("list the active runs of an experiment, newest first")
    .requiredOption("--experiment <id-or-name>", "experiment id or name")
    .option("--max-results <n>", "stop after this many runs", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array of runs instead of a table")
    .addHelpText("after", examples("cairn runs list --experiment churn", "cairn runs list --experiment 1 --max-results 10 --json"))
    .action((options: { experiment: string; maxResults: number; json?: boolean }, command: Command) =>
      search(command, { experiment: [options.experiment], view: "active", maxResults: options.maxResults, json: options.json }),
    );

  runs
    .command("get")
    .description("show one run: info, params, latest metrics and tags")
    .argument("<run_id>", "run id")
    .option("--json", "print the run as JSON")
    .addHelpText("after", examples("cairn runs get 3f2a...", "cairn runs get 3f2a... --json"))
    .action(async (runId: string, options: { json?: boolean }, command: Command) => {
      const { run } = await clientFor(command, io).runs.get({ run_id: runId });
      if (options.json) writeJson(io.stdout, run);
      else writeLine(io.stdout, runDetail(run));
    });

  runs
    .command("search")
    .description("search runs of one or more experiments with MLflow's filter grammar")
    .requiredOption("--experiment <id-or-name...>", "experiment ids or names (repeat or list several)")
    .option("--filter <filter>", "e.g. \"metrics.loss < 0.2 and params.lr = '0.01'\"")
    .option("--order-by <clause...>", "e.g. \"metrics.loss DESC\" (several for ties; default: newest first)")
    .addOption(viewOption("runs"))
    .option("--max-results <n>", "stop after this many runs (pages are followed)", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array of runs instead of a table")
    .addHelpText(
      "after",
      examples(
        "cairn runs search --experiment churn --filter \"metrics.loss < 0.2\" --order-by \"metrics.loss ASC\"",
        "cairn runs search --experiment churn --experiment 4 --view all --max-results 500 --json",
      ),
    )
    .action((options: SearchOptions, command: Command) => search(command, options));
}
