import type { Command } from "commander";
import { CairnError } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { userLabel, userTable } from "../output/auth-views.js";
import { checkedPair, notTerminal, promptTerminal, readNewPassword, readStdinLines, stdinIsTerminal } from "../password-input.js";
import { clientFor, examples } from "./shared.js";

/** `cairn users ...`: user accounts (admin), and changing a password. */
export function addUsersCommand(program: Command, io: CliIo): void {
  const users = program
    .command("users")
    .description("create, list, disable and enable users, and change passwords (admin, except your own password)")
    .addHelpText("after", examples("cairn users create bob", "echo \"$PASSWORD\" | cairn users create ci-bot --password-stdin", "cairn users list", "cairn users disable bob"));

  users
    .command("create")
    .description("create a user; the password is asked for (twice, not echoed), or read from stdin with --password-stdin")
    .argument("<name>", "username")
    .option("--admin", "the user may manage users, groups, tokens and every resource")
    .option("--password-stdin", "read the password from stdin (the first line)")
    .addHelpText("after", examples("cairn users create bob", "cairn users create alice --admin", "echo \"$PASSWORD\" | cairn users create ci-bot --password-stdin"))
    .action(async (name: string, options: { admin?: boolean; passwordStdin?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const password = await readNewPassword(io, options.passwordStdin === true, `echo "$PASSWORD" | cairn users create ${name} --password-stdin`);
      const { user } = await client.users.create({ username: name, password, ...(options.admin ? { is_admin: true } : {}) });
      writeLine(io.stdout, `Created user ${userLabel(user)}.`);
    });

  users
    .command("list")
    .description("list users, sorted by name")
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn users list", "cairn users list --json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const { users: items } = await clientFor(command, io).users.list();
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No users found." : userTable(items));
    });

  users
    .command("disable")
    .description("stop a user from signing in or using their tokens (their grants are kept)")
    .argument("<name>", "username")
    .addHelpText("after", examples("cairn users disable bob"))
    .action(async (name: string, _options: unknown, command: Command) => {
      await clientFor(command, io).users.update({ username: name, disabled: true });
      writeLine(io.stdout, `Disabled user '${name}': they can no longer sign in, and their tokens are refused.`);
    });

  users
    .command("enable")
    .description("let a disabled user sign in again")
    .argument("<name>", "username")
    .addHelpText("after", examples("cairn users enable bob"))
    .action(async (name: string, _options: unknown, command: Command) => {
      await clientFor(command, io).users.update({ username: name, disabled: false });
      writeLine(io.stdout, `Enabled user '${name}'.`);
    });

  users
    .command("update")
    .description("make a user an administrator, or no longer one")
    .argument("<name>", "username")
    .option("--admin", "make the user an administrator")
    .option("--no-admin", "make the user an ordinary user (the last administrator cannot be demoted)")
    .addHelpText("after", examples("cairn users update alice --admin", "cairn users update bob --no-admin"))
    .action(async (name: string, options: { admin?: boolean }, command: Command) => {
      if (options.admin === undefined) command.error("error: say what to change: --admin or --no-admin.");
      const { user } = await clientFor(command, io).users.update({ username: name, is_admin: options.admin });
      writeLine(io.stdout, `Updated user ${userLabel(user)}.`);
    });

  users
    .command("passwd")
    .description("change a password: any user's as admin, else your own (then your current password is needed too)")
    .argument("<name>", "username")
    .option("--password-stdin", "read the new password from stdin; changing your own as a non-admin, the first line is the current password and the second the new one")
    .addHelpText("after", examples("cairn users passwd bob", "echo \"$NEW_PASSWORD\" | cairn users passwd bob --password-stdin", "printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | cairn users passwd me --password-stdin"))
    .action(async (name: string, options: { passwordStdin?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const passwords = await readPasswordChange(io, await needsCurrentPassword(client, name), options.passwordStdin === true, name);
      await client.users.update({ username: name, ...passwords });
      writeLine(io.stdout, `Changed the password of '${name}'.`);
    });
}

/** A non-admin changing their own password proves they know the current one; admins (and servers without auth) do not. */
async function needsCurrentPassword(client: CairnClient, name: string): Promise<boolean> {
  const { auth_enabled, user } = await client.auth.whoami();
  if (!auth_enabled || !user || user.is_admin) return false;
  if (user.username !== name) {
    throw new CairnError("PERMISSION_DENIED", `Only an admin can change the password of '${name}'; you are signed in as '${user.username}'.`);
  }
  return true;
}

async function readPasswordChange(io: CliIo, withCurrent: boolean, fromStdin: boolean, name: string): Promise<{ password: string; current_password?: string }> {
  if (!withCurrent) return { password: await readNewPassword(io, fromStdin, `echo "$NEW_PASSWORD" | cairn users passwd ${name} --password-stdin`) };
  if (fromStdin) {
    const [current, next] = await readStdinLines(io, 2, "your current password and the new one");
    return { current_password: current!, password: next! };
  }
  if (!stdinIsTerminal(io)) throw notTerminal(`printf '%s\\n%s\\n' "$OLD" "$NEW" | cairn users passwd ${name} --password-stdin`);
  const [current, first, second] = await promptTerminal(io, [
    { prompt: "Current password: ", hidden: true },
    { prompt: "New password: ", hidden: true },
    { prompt: "Repeat new password: ", hidden: true },
  ]);
  return { current_password: current!, password: checkedPair(first!, second!) };
}
