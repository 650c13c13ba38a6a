import { hostname } from "node:os";
import type { Command } from "commander";
import { CairnError, isCairnError, type User } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { removeCredential, resolveCliCredentials, saveCredential, storedCredential } from "../credentials-file.js";
import { userLabel } from "../output/auth-views.js";
import { formatTime } from "../output/format.js";
import { notTerminal, promptTerminal, readStdinLines, stdinIsTerminal } from "../password-input.js";
import { clientFor, examples, trackingUriFor } from "./shared.js";
import { parseExpires } from "./tokens-command.js";

/** `cairn login`, `cairn logout` and `cairn whoami`: a per-server API token kept in the credentials file. */
export function addLoginCommands(program: Command, io: CliIo): void {
  program
    .command("login")
    .description("sign in with username and password; stores a new API token for this tracking server in $CAIRN_CONFIG_DIR/credentials.json")
    .option("--username <name>", "who to sign in as (default: $MLFLOW_TRACKING_USERNAME, else asked for)")
    .option("--password-stdin", "read the password from stdin instead of prompting for it")
    .option("--name <name>", "name of the token the login creates (default: cairn-cli@<host>)")
    .option("--expires <duration>", "how long the token is valid in whole days, e.g. 30d, 2w, or never", parseExpires, parseExpires("90d"))
    .addHelpText(
      "after",
      examples("cairn login", "cairn login --username alice", "echo \"$PASSWORD\" | cairn login --username alice --password-stdin", "cairn --tracking-uri https://ml.example.com login --expires 30d"),
    )
    .action(async (options: { username?: string; passwordStdin?: boolean; name?: string; expires?: number }, command: Command) => {
      const trackingUri = trackingUriFor(command, io);
      const { username, password } = await askCredentials(io, options);
      // No retries: a rate-limited sign-in (429) should say "wait N seconds" now, not wait it out silently.
      const client = clientFor(command, io, { credentials: { username, password }, maxRetries: 0 });
      const { user } = await requireAuthEnabled(client, trackingUri);
      const previous = storedCredential(trackingUri, io.env);
      const { token, secret } = await client.tokens.create({
        name: options.name ?? `cairn-cli@${hostname()}`,
        ...(options.expires === undefined ? {} : { expires_in_days: options.expires }),
      });
      const path = saveCredential(
        trackingUri,
        {
          token: secret,
          token_id: token.token_id,
          username: token.username,
          name: token.name,
          ...(token.expires_at === undefined ? {} : { expires_at: token.expires_at }),
          created_at: token.creation_timestamp,
        },
        io.env,
      );
      if (previous && previous.token_id !== token.token_id) await revokeReplaced(client, io, previous.token_id);
      writeLine(io.stdout, `Signed in to ${trackingUri} as ${userLabel(user!)}.`);
      writeLine(io.stdout, `Token '${token.name}' (${token.token_id}) ${token.expires_at === undefined ? "never expires" : `expires ${formatTime(token.expires_at)}`}; stored in ${path}.`);
      if (io.env.CAIRN_TRACKING_TOKEN || io.env.MLFLOW_TRACKING_TOKEN) {
        writeLine(io.stderr, "note: a tracking token is set in the environment; it takes precedence over the stored one until you unset it.");
      }
    });

  program
    .command("logout")
    .description("revoke the token `cairn login` stored for this tracking server and forget it")
    .addHelpText("after", examples("cairn logout", "cairn --tracking-uri https://ml.example.com logout"))
    .action(async (_options: unknown, command: Command) => {
      const trackingUri = trackingUriFor(command, io);
      const stored = storedCredential(trackingUri, io.env);
      if (!stored) {
        writeLine(io.stdout, `Not signed in to ${trackingUri}: no stored token.`);
        return;
      }
      const revoked = await revokeOwn(clientFor(command, io, { credentials: { token: stored.token } }), stored.token_id);
      removeCredential(trackingUri, io.env);
      writeLine(io.stdout, revoked ? `Signed out of ${trackingUri}: revoked token '${stored.name}' and removed it.` : `Signed out of ${trackingUri}: the stored token no longer worked (expired or revoked); removed it.`);
    });

  program
    .command("whoami")
    .description("show who the current credentials sign in as, and where they come from")
    .option("--json", "print {auth_enabled, user} as JSON")
    .addHelpText("after", examples("cairn whoami", "cairn whoami --json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      const trackingUri = trackingUriFor(command, io);
      const answer = await clientFor(command, io).auth.whoami();
      if (options.json) return writeJson(io.stdout, { auth_enabled: answer.auth_enabled, ...(answer.user ? { user: answer.user } : {}) });
      if (!answer.auth_enabled || !answer.user) {
        writeLine(io.stdout, `Authentication is off on ${trackingUri}: every request is anonymous and allowed.`);
        return;
      }
      const { source } = resolveCliCredentials(trackingUri, io.env);
      const groups = answer.user.groups.length === 0 ? "no groups" : `groups: ${answer.user.groups.join(", ")}`;
      writeLine(io.stdout, `${userLabel(answer.user)} on ${trackingUri} (${groups}), signed in with ${source}.`);
    });
}

/** Username from --username or MLFLOW_TRACKING_USERNAME or a prompt; password from stdin or a hidden prompt. */
async function askCredentials(io: CliIo, options: { username?: string; passwordStdin?: boolean }): Promise<{ username: string; password: string }> {
  const username = options.username ?? io.env.MLFLOW_TRACKING_USERNAME;
  if (options.passwordStdin) {
    if (!username) throw new CairnError("INVALID_PARAMETER_VALUE", "With --password-stdin, say who to sign in as with --username (or MLFLOW_TRACKING_USERNAME).");
    return { username, password: (await readStdinLines(io, 1, "the password"))[0]! };
  }
  if (!stdinIsTerminal(io)) throw notTerminal("echo \"$PASSWORD\" | cairn login --username alice --password-stdin");
  if (username) {
    const [password] = await promptTerminal(io, [{ prompt: `Password for ${username}: `, hidden: true }]);
    return { username, password: password! };
  }
  const [asked, password] = await promptTerminal(io, [
    { prompt: "Username: ", hidden: false },
    { prompt: "Password: ", hidden: true },
  ]);
  if (!asked) throw new CairnError("INVALID_PARAMETER_VALUE", "No username given: nothing was changed.");
  return { username: asked, password: password! };
}

/** whoami with the new credentials: a server without auth has nothing to sign in to, which is worth saying plainly. */
async function requireAuthEnabled(client: CairnClient, trackingUri: string): Promise<{ user?: User }> {
  const answer = await client.auth.whoami();
  if (!answer.auth_enabled || !answer.user) {
    throw new CairnError("INVALID_STATE", `The server at ${trackingUri} runs without authentication: there is nothing to sign in to, and every request is allowed.`);
  }
  return answer;
}

/** Revokes the token an earlier login stored, which the new one replaces; a failure is reported, not fatal. */
async function revokeReplaced(client: CairnClient, io: CliIo, tokenId: string): Promise<void> {
  try {
    await client.tokens.revoke({ token_id: tokenId });
  } catch (error) {
    if (!isCairnError(error)) throw error;
    writeLine(io.stderr, `warning: could not revoke the token of the previous login (${tokenId}): ${error.message} Revoke it with: cairn tokens revoke ${tokenId}`);
  }
}

/** Revokes the stored token with itself; false when the server no longer accepts it (then there is nothing left to revoke). */
async function revokeOwn(client: CairnClient, tokenId: string): Promise<boolean> {
  try {
    await client.tokens.revoke({ token_id: tokenId });
    return true;
  } catch (error) {
    if (isCairnError(error) && error.code === "UNAUTHENTICATED") return false;
    throw error;
  }
}
