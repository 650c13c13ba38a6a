import { InvalidArgumentError, Option, type Command } from "commander";
import { RETIREMENT_ACTIONS, type RetirementPolicy, type RetirementRunResult } from "@cairn/core";
import type { CreateRetirementPolicyRequest } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatTime } from "../output/format.js";
import { renderTable } from "../output/table.js";
import { clientFor, examples } from "./shared.js";

/** A positive whole number option value. */
function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'.`);
  return n;
}

/** A policy's rule as a person reads it: "unused 90 days" or "keep last 5". */
function ruleText(policy: RetirementPolicy): string {
  return policy.rule === "keep_last" ? `keep last ${policy.keep}` : `unused ${policy.days} days`;
}

/** Policies as a table: name, model, rule, action, schedule, last run and creator. */
export function policyTable(policies: readonly RetirementPolicy[]): string {
  return renderTable(
    ["NAME", "MODEL", "RULE", "ACTION", "SCHEDULE", "LAST RUN", "CREATED BY"],
    policies.map((p) => [
      p.name,
      p.model_name ?? "(every model)",
      ruleText(p),
      p.action,
      p.schedule_hours === undefined ? "manual" : `every ${p.schedule_hours}h`,
      formatTime(p.last_run_at),
      p.created_by,
    ]),
  );
}

/** Prints a policy run: the changes as a table and what happened (or would, in a dry run); --json prints the answer. */
export function writeRetirementRun(io: CliIo, result: RetirementRunResult, json: boolean | undefined): void {
  if (json) return writeJson(io.stdout, result);
  const { policy, changes } = result;
  const done = policy.action === "archive" ? "archived" : "deleted";
  if (changes.length === 0) {
    writeLine(io.stdout, `Policy '${policy.name}': no version ${result.dry_run ? "would be" : "was"} ${done}.`);
    return;
  }
  writeLine(io.stdout, renderTable(["MODEL", "VERSION", "ACTION", "REASON"], changes.map((c) => [c.name, c.version, c.action, c.reason])));
  const count = `${changes.length} ${changes.length === 1 ? "version" : "versions"}`;
  if (result.dry_run) writeLine(io.stdout, `Dry run: ${count} would be ${done}. Run again with --apply to make the changes.`);
  else writeLine(io.stdout, `${done[0]!.toUpperCase()}${done.slice(1)} ${count}.`);
}

/** `cairn policies ...`: retirement policies that archive or delete versions nobody uses. */
export function addPoliciesCommand(program: Command, io: CliIo): void {
  const policies = program
    .command("policies")
    .description("create, list, delete and run retirement policies (archive or delete unused model versions)")
    .addHelpText(
      "after",
      examples(
        "cairn policies create archive-stale --model churn --unused-for-days 90 --action archive",
        "cairn policies create keep-5 --keep-last 5 --action delete --schedule-hours 24",
        "cairn policies run archive-stale",
        "cairn policies run archive-stale --apply",
      ),
    );

  policies
    .command("create")
    .description("create a retirement policy; versions with an alias, a deployment, or in Production or Staging are never touched")
    .argument("<name>", "policy name: letters, digits, '_', '.' and '-'")
    .option("--model <name>", "the registered model it applies to (default: every model but prompts; administrators only)")
    .addOption(new Option("--unused-for-days <n>", "retire versions not updated or served for this many days").argParser(parsePositive).conflicts("keepLast"))
    .addOption(new Option("--keep-last <n>", "retire versions beyond the newest n").argParser(parsePositive))
    .addOption(new Option("--action <action>", "what to do with them").choices(RETIREMENT_ACTIONS).default("archive"))
    .option("--schedule-hours <n>", "also run it in the background every n hours (the first run n hours from now)", parsePositive)
    .option("--json", "print the new policy as JSON")
    .addHelpText("after", examples("cairn policies create archive-stale --model churn --unused-for-days 90", "cairn policies create keep-5 --model churn --keep-last 5 --action delete"))
    .action(
      async (name: string, options: { model?: string; unusedForDays?: number; keepLast?: number; action: "archive" | "delete"; scheduleHours?: number; json?: boolean }, command: Command) => {
        if (options.unusedForDays === undefined && options.keepLast === undefined) command.error("error: give the rule: --unused-for-days <n> or --keep-last <n>.");
        const request: CreateRetirementPolicyRequest = {
          name,
          ...(options.model === undefined ? {} : { model_name: options.model }),
          ...(options.keepLast === undefined ? { rule: "unused_for_days", days: options.unusedForDays } : { rule: "keep_last", keep: options.keepLast }),
          action: options.action,
          ...(options.scheduleHours === undefined ? {} : { schedule_hours: options.scheduleHours }),
        };
        const { policy } = await clientFor(command, io).retirement.create(request);
        if (options.json) return writeJson(io.stdout, policy);
        const scope = policy.model_name === undefined ? "every model" : `model '${policy.model_name}'`;
        const when = policy.schedule_hours === undefined ? "on demand" : `every ${policy.schedule_hours} hours`;
        writeLine(io.stdout, `Created policy '${policy.name}': ${policy.action} versions of ${scope} (${ruleText(policy)}), ${when}. Preview it with: cairn policies run ${policy.name}`);
      },
    );

  policies
    .command("list")
    .description("list retirement policies")
    .option("--model <name>", "only the policies of this model")
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn policies list", "cairn policies list --model churn --json"))
    .action(async (options: { model?: string; json?: boolean }, command: Command) => {
      const { policies: list } = await clientFor(command, io).retirement.list(options.model === undefined ? {} : { model_name: options.model });
      if (options.json) writeJson(io.stdout, list);
      else writeLine(io.stdout, list.length === 0 ? "No retirement policies found." : policyTable(list));
    });

  policies
    .command("delete")
    .description("delete a retirement policy (the versions it changed stay as they are)")
    .argument("<name>", "policy name")
    .addHelpText("after", examples("cairn policies delete archive-stale"))
    .action(async (name: string, _options: unknown, command: Command) => {
      await clientFor(command, io).retirement.delete({ name });
      writeLine(io.stdout, `Deleted policy '${name}'.`);
    });

  policies
    .command("run")
    .description("run a policy now: shows what it would change, and changes it with --apply")
    .argument("<name>", "policy name")
    .option("--apply", "archive or delete the versions (without it: a dry run)")
    .option("--json", "print {policy, dry_run, changes} as JSON")
    .addHelpText("after", examples("cairn policies run archive-stale", "cairn policies run archive-stale --apply"))
    .action(async (name: string, options: { apply?: boolean; json?: boolean }, command: Command) => {
      const result = await clientFor(command, io).retirement.run({ name, dry_run: !options.apply });
      writeRetirementRun(io, result, options.json);
    });
}
