import type { Command } from "commander";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { groupTable } from "../output/auth-views.js";
import { clientFor, examples } from "./shared.js";

/** `cairn groups ...`: user groups, which permissions can be granted to (admin). */
export function addGroupsCommand(program: Command, io: CliIo): void {
  const groups = program
    .command("groups")
    .description("create, list and delete user groups and change their members (admin)")
    .addHelpText("after", examples("cairn groups create ml-team --description 'model owners'", "cairn groups add ml-team bob", "cairn groups list"));

  groups
    .command("create")
    .description("create an empty group")
    .argument("<name>", "group name")
    .option("--description <text>", "what the group is for")
    .addHelpText("after", examples("cairn groups create ml-team", "cairn groups create reviewers --description 'approve production models'"))
    .action(async (name: string, options: { description?: string }, command: Command) => {
      const { group } = await clientFor(command, io).groups.create({ name, ...(options.description === undefined ? {} : { description: options.description }) });
      writeLine(io.stdout, `Created group '${group.name}'.`);
    });

  groups
    .command("list")
    .description("list groups with their members, sorted by name")
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn groups list", "cairn groups list --json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const { groups: items } = await clientFor(command, io).groups.list();
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No groups found." : groupTable(items));
    });

  groups
    .command("add")
    .description("add a user to a group")
    .argument("<group>", "group name")
    .argument("<user>", "username")
    .addHelpText("after", examples("cairn groups add ml-team bob"))
    .action(async (name: string, username: string, _options: unknown, command: Command) => {
      const { group } = await clientFor(command, io).groups.addMember({ name, username });
      writeLine(io.stdout, `Added '${username}' to group '${group.name}' (members: ${group.members.join(", ")}).`);
    });

  groups
    .command("remove")
    .description("remove a user from a group")
    .argument("<group>", "group name")
    .argument("<user>", "username")
    .addHelpText("after", examples("cairn groups remove ml-team bob"))
    .action(async (name: string, username: string, _options: unknown, command: Command) => {
      const { group } = await clientFor(command, io).groups.removeMember({ name, username });
      writeLine(io.stdout, `Removed '${username}' from group '${group.name}' (members: ${group.members.join(", ") || "none"}).`);
    });

  groups
    .command("delete")
    .description("delete a group; its members lose what was granted to the group")
    .argument("<group>", "group name")
    .addHelpText("after", examples("cairn groups delete ml-team"))
    .action(async (name: string, _options: unknown, command: Command) => {
      await clientFor(command, io).groups.delete({ name });
      writeLine(io.stdout, `Deleted group '${name}'.`);
    });
}
