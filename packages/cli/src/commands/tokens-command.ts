import { InvalidArgumentError, type Command } from "commander";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { removeCredential, storedCredential } from "../credentials-file.js";
import { tokenTable } from "../output/auth-views.js";
import { formatTime } from "../output/format.js";
import { parseDuration } from "./monitor-options.js";
import { clientFor, examples, trackingUriFor } from "./shared.js";

const DAY_MS = 86_400_000;

/**
 * Parses --expires into the API's expires_in_days: the CLI's one duration syntax (30d, 2w, 720h),
 * in whole days as tokens expire by the day; "never" gives undefined (a token without expiry).
 */
export function parseExpires(value: string): number | undefined {
  if (value.trim() === "never") return undefined;
  const days = parseDuration(value) / DAY_MS;
  if (!Number.isInteger(days)) throw new InvalidArgumentError(`tokens expire in whole days: give e.g. 30d, 2w or 48h, or never; got '${value}'.`);
  return days;
}

/** `cairn tokens ...`: API tokens for scripts and CI, sent as CAIRN_TRACKING_TOKEN. */
export function addTokensCommand(program: Command, io: CliIo): void {
  const tokens = program
    .command("tokens")
    .description("create, list and revoke API tokens (use one with CAIRN_TRACKING_TOKEN=<secret>)")
    .addHelpText("after", examples("cairn tokens create --name ci --read-only --expires 30d", "cairn tokens list", "cairn tokens revoke <token_id>"));

  tokens
    .command("create")
    .description("create a token and print its secret, which is shown this once only")
    .requiredOption("--name <name>", "what the token is for, e.g. ci or nightly-eval")
    .option("--read-only", "the token may only read (any write is refused with 403)")
    .option("--expires <duration>", "how long the token is valid in whole days, e.g. 30d, 2w (default: never expires)", parseExpires)
    .option("--user <username>", "create the token for another user (admin only)")
    .option("--json", "print {token, secret} as JSON")
    .addHelpText(
      "after",
      examples("cairn tokens create --name ci --read-only --expires 30d", "export CAIRN_TRACKING_TOKEN=$(cairn tokens create --name nightly --expires 7d)", "cairn tokens create --name deploy-bot --user bot"),
    )
    .action(async (options: { name: string; readOnly?: boolean; expires?: number; user?: string; json?: boolean }, command: Command) => {
      const created = await clientFor(command, io).tokens.create({
        name: options.name,
        ...(options.readOnly ? { read_only: true } : {}),
        ...(options.expires === undefined ? {} : { expires_in_days: options.expires }),
        ...(options.user === undefined ? {} : { username: options.user }),
      });
      if (options.json) return writeJson(io.stdout, created);
      const { token, secret } = created;
      const expiry = token.expires_at === undefined ? "never expires" : `expires ${formatTime(token.expires_at)}`;
      // The description and warning go to stderr, so that $(cairn tokens create ...) captures the secret alone.
      writeLine(io.stderr, `Created token '${token.name}' (${token.token_id}) for ${token.username}: ${token.read_only ? "read-only" : "read-write"}, ${expiry}.`);
      writeLine(io.stderr, "This secret is shown only now and cannot be shown again; store it safely (e.g. as CAIRN_TRACKING_TOKEN):");
      writeLine(io.stdout, secret);
    });

  tokens
    .command("list")
    .description("list your tokens (an admin may name a user), newest first")
    .option("--user <username>", "another user's tokens (admin only)")
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn tokens list", "cairn tokens list --user bob --json"))
    .action(async (options: { user?: string; json?: boolean }, command: Command) => {
      const { tokens: items } = await clientFor(command, io).tokens.list(options.user === undefined ? {} : { username: options.user });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No tokens found." : tokenTable(items, Date.now()));
    });

  tokens
    .command("revoke")
    .description("revoke a token at once; requests with it are refused from now on")
    .argument("<token_id>", "token id, as `cairn tokens list` shows it")
    .addHelpText("after", examples("cairn tokens revoke <token_id>"))
    .action(async (tokenId: string, _options: unknown, command: Command) => {
      await clientFor(command, io).tokens.revoke({ token_id: tokenId });
      writeLine(io.stdout, `Revoked token ${tokenId}.`);
      // The stored login token is now dead weight: forget it, so the next command says "sign in" rather than failing oddly.
      const trackingUri = trackingUriFor(command, io);
      if (storedCredential(trackingUri, io.env)?.token_id === tokenId) {
        removeCredential(trackingUri, io.env);
        writeLine(io.stdout, "It was the token `cairn login` stored for this server; sign in again with `cairn login`.");
      }
    });
}
