import { Command, CommanderError } from "commander";
import { isCairnError } from "@cairn/core";
import { isServerUnreachable } from "@cairn/sdk";
import { writeLine, type CliIo } from "./cli-io.js";
import { addArtifactsCommand } from "./commands/artifacts-command.js";
import { addAuditCommand } from "./commands/audit-command.js";
import { addDeployCommand } from "./commands/deploy-command.js";
import { addExperimentsCommand } from "./commands/experiments-command.js";
import { addGroupsCommand } from "./commands/groups-command.js";
import { addLoginCommands } from "./commands/login-command.js";
import { addModelsCommand } from "./commands/models-command.js";
import { addMonitorCommand } from "./commands/monitor-command.js";
import { addPermissionsCommand } from "./commands/permissions-command.js";
import { addPredictCommand } from "./commands/predict-command.js";
import { addRunsCommand } from "./commands/runs-command.js";
import { addServeCommand } from "./commands/serve-command.js";
import { addServerCommand } from "./commands/server-command.js";
import { addTokensCommand } from "./commands/tokens-command.js";
import { addUsersCommand } from "./commands/users-command.js";
import { addWebhooksCommand } from "./commands/webhooks-command.js";
import { addPoliciesCommand } from "./commands/policies-command.js";
import { addGcCommand } from "./commands/gc-command.js";
import { examples } from "./commands/shared.js";
import { describeExitCodes, exitCodeFor } from "./exit-codes.js";
import { DEFAULT_TRACKING_URI } from "./tracking-uri.js";

/** The CLI's version, as `cairn --version` prints it. */
export const CLI_VERSION = "0.1.0";

const ENVIRONMENT = [
  "Environment:",
  "  CAIRN_TRACKING_URI, MLFLOW_TRACKING_URI      tracking server when --tracking-uri is not given",
  "  CAIRN_TRACKING_TOKEN, MLFLOW_TRACKING_TOKEN  bearer token sent with every request (before the one `cairn login` stored)",
  "  MLFLOW_TRACKING_USERNAME                     HTTP Basic username when no token is set or stored",
  "  MLFLOW_TRACKING_PASSWORD                     HTTP Basic password (with MLFLOW_TRACKING_USERNAME)",
  "  CAIRN_CONFIG_DIR                             where `cairn login` keeps credentials.json (default ~/.config/cairn)",
  "  CAIRN_HTTP_REQUEST_MAX_RETRIES               retries of a failed request (default 2)",
].join("\n");

/** Builds a fresh command tree writing to io (commander keeps parsed state on the instance). */
export function buildProgram(io: CliIo): Command {
  const program = new Command("cairn");
  // Set before adding commands: subcommands copy these settings when created.
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError("(add --help for usage and examples)")
    .description("Cairn: self-hosted ML tracking with MLflow's REST API")
    .version(CLI_VERSION)
    .option("--tracking-uri <uri>", `tracking server (default: $CAIRN_TRACKING_URI, else $MLFLOW_TRACKING_URI, else ${DEFAULT_TRACKING_URI})`)
    .addHelpText(
      "after",
      `${examples("cairn server", "cairn experiments list", "cairn models list", "cairn --tracking-uri http://ml.example.com:5000 runs list --experiment churn")}\n\n${ENVIRONMENT}\n\n${describeExitCodes()}`,
    );
  addServerCommand(program, io);
  addExperimentsCommand(program, io);
  addRunsCommand(program, io);
  addArtifactsCommand(program, io);
  addModelsCommand(program, io);
  addPredictCommand(program, io);
  addServeCommand(program, io);
  addWebhooksCommand(program, io);
  addDeployCommand(program, io);
  addMonitorCommand(program, io);
  addPoliciesCommand(program, io);
  addGcCommand(program, io);
  addAuditCommand(program, io);
  addLoginCommands(program, io);
  addUsersCommand(program, io);
  addGroupsCommand(program, io);
  addTokensCommand(program, io);
  addPermissionsCommand(program, io);
  return program;
}

/** Runs the `cairn` command line in-process and returns the exit status; never exits the process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    reportError(error, io);
    return exitCodeFor(error);
  }
}

function reportError(error: unknown, io: CliIo): void {
  // Commander has already printed its own usage message (or the help the person asked for).
  if (error instanceof CommanderError) return;
  if (isCairnError(error)) {
    writeLine(io.stderr, `error: ${error.message}`);
    if (isServerUnreachable(error)) {
      writeLine(io.stderr, "hint: start a server with `cairn server`, or point --tracking-uri (or CAIRN_TRACKING_URI) at a running one.");
    }
    if (error.code === "UNAUTHENTICATED") writeLine(io.stderr, "hint: sign in with `cairn login` or set CAIRN_TRACKING_TOKEN.");
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `error: ${message}`);
  if (io.env.CAIRN_DEBUG && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
}
