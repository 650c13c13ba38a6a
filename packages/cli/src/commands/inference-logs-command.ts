import { InvalidArgumentError, Option, type Command } from "commander";
import type { InferenceRecord } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { inferenceRecordTable } from "../output/deployment-views.js";
import { clientFor, collectPages, examples, noteTruncated, parseMaxResults } from "./shared.js";

const SEARCH_PAGE_MAX = 10_000;

/** Parses a time bound: milliseconds since the epoch, or an ISO date/time. */
function parseTime(value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms) || ms < 0) throw new InvalidArgumentError(`expected milliseconds since the epoch or an ISO time such as 2026-03-01T12:00:00Z, got '${value}'.`);
  return ms;
}

/** `cairn inference-logs list`: what serving processes logged, newest first. */
export function addInferenceLogsCommand(program: Command, io: CliIo): void {
  const logs = program
    .command("inference-logs")
    .description("show the predictions serving processes logged, with their labels")
    .addHelpText("after", examples("cairn inference-logs list --deployment churn-prod", "cairn inference-logs list --deployment churn-prod --since 2026-03-01T00:00:00Z --json"));

  logs
    .command("list")
    .description("list inference records, newest first")
    .option("--deployment <name>", "only records served by this deployment")
    .option("--model <name>", "only records of this registered model")
    .option("--version <n>", "only records of this model version (with --model)")
    .option("--since <time>", "from this time on (inclusive; ms since the epoch or ISO time)", parseTime)
    .option("--until <time>", "before this time (exclusive)", parseTime)
    .addOption(new Option("--labeled", "only records with a label").conflicts("unlabeled"))
    .option("--unlabeled", "only records without a label")
    .option("--max-results <n>", "stop after this many records", parseMaxResults, 100)
    .option("--json", "print a JSON array (with inputs and outputs) instead of a table")
    .addHelpText("after", examples("cairn inference-logs list --deployment churn-prod", "cairn inference-logs list --model churn --version 7 --labeled --json"))
    .action(
      async (
        options: { deployment?: string; model?: string; version?: string; since?: number; until?: number; labeled?: boolean; unlabeled?: boolean; maxResults: number; json?: boolean },
        command: Command,
      ) => {
        const client = clientFor(command, io);
        const filters = {
          ...(options.deployment === undefined ? {} : { deployment: options.deployment }),
          ...(options.model === undefined ? {} : { model_name: options.model }),
          ...(options.version === undefined ? {} : { model_version: options.version }),
          ...(options.since === undefined ? {} : { start_time_ms: options.since }),
          ...(options.until === undefined ? {} : { end_time_ms: options.until }),
          ...(options.labeled ? { labeled: true } : options.unlabeled ? { labeled: false } : {}),
        };
        const { items, more } = await collectPages<InferenceRecord>(options.maxResults, async (max_results, page_token) => {
          const page = await client.inferenceLogs.search({ ...filters, max_results: Math.min(max_results, SEARCH_PAGE_MAX), ...(page_token ? { page_token } : {}) });
          return { items: page.records, next_page_token: page.next_page_token };
        });
        if (options.json) writeJson(io.stdout, items);
        else writeLine(io.stdout, items.length === 0 ? "No inference records found." : inferenceRecordTable(items));
        noteTruncated(io, items.length, more);
      },
    );
}
