import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { writeRetirementRun } from "./policies-command.js";
import { clientFor, examples } from "./shared.js";

/** Adds `cairn models retire --policy <name> [--apply]` to the `cairn models` command. */
export function addModelsRetireCommand(models: Command, io: CliIo): void {
  models
    .command("retire")
    .description("archive or delete the versions a retirement policy selects (a dry run unless --apply); see `cairn policies`")
    .requiredOption("--policy <name>", "the retirement policy to run (cairn policies list)")
    .option("--apply", "make the changes (without it: a dry run)")
    .option("--json", "print {policy, dry_run, changes} as JSON")
    .addHelpText("after", examples("cairn models retire --policy archive-stale", "cairn models retire --policy archive-stale --apply"))
    .action(async (options: { policy: string; apply?: boolean; json?: boolean }, command: Command) => {
      const result = await clientFor(command, io).retirement.run({ name: options.policy, dry_run: !options.apply });
      writeRetirementRun(io, result, options.json);
    });
}
