import { InvalidArgumentError, Option, type Command } from "commander";
import type { GcResult } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatBytes } from "../output/format.js";
import { renderTable } from "../output/table.js";
import { clientFor, examples } from "./shared.js";

const UNIT_DAYS: Record<string, number> = { h: 1 / 24, d: 1, w: 7 };

/** An age as given and in days. */
export interface Age {
  text: string;
  days: number;
}

/** Parses an age such as 30d, 12h, 2w or a bare number of days. */
export function parseAge(value: string): Age {
  const match = /^(\d+(?:\.\d+)?)([hdw]?)$/.exec(value.trim().toLowerCase());
  if (!match) throw new InvalidArgumentError(`expected an age such as 30d, 12h or 2w, got '${value}'.`);
  return { text: value.trim(), days: Number(match[1]) * UNIT_DAYS[match[2] || "d"]! };
}

function runs(n: number): string {
  return `${n} ${n === 1 ? "run" : "runs"}`;
}

/** Prints what gc removed (or would): the runs with their sizes, the runs skipped and why, and the space freed. */
function writeGcResult(io: CliIo, result: GcResult, age: string): void {
  if (result.runs.length > 0) {
    writeLine(io.stdout, renderTable(["RUN ID", "SIZE", "ARTIFACT URI"], result.runs.map((r) => [r.run_id, formatBytes(r.bytes), r.artifact_uri])));
  }
  if (result.skipped.length > 0) {
    writeLine(io.stdout, `Skipped ${runs(result.skipped.length)} (they stay deleted):`);
    for (const s of result.skipped) writeLine(io.stdout, `  ${s.run_id}: ${s.reason}`);
  }
  if (result.runs.length === 0) writeLine(io.stdout, `No deleted runs older than ${age} to remove.`);
  else if (result.dry_run) writeLine(io.stdout, `Would free ${formatBytes(result.bytes_freed)} from ${runs(result.runs.length)} (dry run: add --apply to delete them).`);
  else writeLine(io.stdout, `Freed ${formatBytes(result.bytes_freed)} from ${runs(result.runs.length)}; the runs are purged.`);
}

/** `cairn gc`: frees the files of long-deleted runs and purges them (administrators). */
export function addGcCommand(program: Command, io: CliIo): void {
  program
    .command("gc")
    .description("delete the artifacts of runs deleted long ago and purge the runs (a dry run unless --apply; administrators only)")
    .addOption(new Option("--older-than <age>", "only runs deleted at least this long ago: 30d, 12h, 2w").argParser(parseAge).default({ text: "30d", days: 30 }, "30d"))
    .option("--apply", "delete the files and purge the runs (without it: a dry run)")
    .option("--json", "print {dry_run, runs, skipped, bytes_freed} as JSON")
    .addHelpText("after", examples("cairn gc", "cairn gc --older-than 7d --apply", "cairn gc --json"))
    .action(async (options: { olderThan: Age; apply?: boolean; json?: boolean }, command: Command) => {
      const result = await clientFor(command, io).gc.collect({ dry_run: !options.apply, older_than_days: options.olderThan.days });
      if (options.json) writeJson(io.stdout, result);
      else writeGcResult(io, result, options.olderThan.text);
    });
}
