import { InvalidArgumentError, Option, type Command } from "commander";
import { PERMISSION_LEVELS, type GovernedResource, type PermissionLevel, type PrincipalType } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { permissionTable, resourceUri } from "../output/auth-views.js";
import { clientFor, examples, requireExperiment } from "./shared.js";

/** A resource as given on the command line, before an experiment name is looked up. */
export interface ResourceArgument {
  type: GovernedResource;
  /** Experiment id or name; the model's, deployment's or monitor's name. */
  id: string;
}

const SCHEMES: Record<string, GovernedResource> = { experiments: "experiment", models: "registered_model", deployments: "deployment", monitors: "monitor" };
const RESOURCE_HELP = "experiments:/<id or name>, models:/<name>, deployments:/<name> or monitors:/<name>";

/** Parses experiments:/3, models:/churn, deployments:/x or monitors:/x; anything else is a usage error. */
export function parseResource(value: string): ResourceArgument {
  const match = /^([a-z]+):\/(.+)$/.exec(value.trim());
  const type = match ? SCHEMES[match[1]!] : undefined;
  if (!match || !type) throw new InvalidArgumentError(`expected ${RESOURCE_HELP}, got '${value}'.`);
  const id = match[2]!;
  if (type === "registered_model" && /[/@]/.test(id)) {
    const model = id.split(/[/@]/)[0];
    throw new InvalidArgumentError(`permissions are granted on a whole registered model, not a version or alias: use models:/${model}.`);
  }
  if (id.includes("/")) throw new InvalidArgumentError(`'${value}' names something inside a resource; expected ${RESOURCE_HELP}.`);
  return { type, id };
}

function parseLevel(value: string): PermissionLevel {
  const level = value.trim().toUpperCase();
  if (!(PERMISSION_LEVELS as readonly string[]).includes(level)) throw new InvalidArgumentError(`expected one of ${PERMISSION_LEVELS.join(", ")}, got '${value}'.`);
  return level as PermissionLevel;
}

interface Target {
  resource?: ResourceArgument;
  experiment?: string;
}

/** The resource from the argument or --experiment (exactly one), with an experiment name resolved to its id. */
async function resolveTarget(client: CairnClient, command: Command, target: Target): Promise<{ resource_type: GovernedResource; resource_id: string }> {
  if ((target.resource === undefined) === (target.experiment === undefined)) command.error(`error: name the resource (${RESOURCE_HELP}) or give --experiment <id-or-name> (exactly one).`);
  const resource = target.resource ?? { type: "experiment" as const, id: target.experiment! };
  if (resource.type !== "experiment") return { resource_type: resource.type, resource_id: resource.id };
  // Grants are kept by experiment id, which survives a rename; people know experiments by name.
  const experiment = await requireExperiment(client, resource.id);
  return { resource_type: "experiment", resource_id: experiment.experiment_id };
}

/** --user or --group, exactly one. */
function principalOf(command: Command, options: { user?: string; group?: string }): { principal_type: PrincipalType; principal: string } {
  if ((options.user === undefined) === (options.group === undefined)) command.error("error: say who with --user <name> or --group <name> (exactly one).");
  return options.user !== undefined ? { principal_type: "user", principal: options.user } : { principal_type: "group", principal: options.group! };
}

const experimentOption = () => new Option("--experiment <id-or-name>", "the experiment, by id or name (instead of experiments:/<id>)");

/** `cairn permissions ...`: grants of READ, USE, EDIT or MANAGE on experiments, models, deployments and monitors. */
export function addPermissionsCommand(program: Command, io: CliIo): void {
  const permissions = program
    .command("permissions")
    .description("grant, revoke and list permissions on experiments, registered models, deployments and monitors")
    .addHelpText(
      "after",
      examples("cairn permissions grant models:/churn --user bob --level EDIT", "cairn permissions grant --experiment churn-training --group ml-team --level READ", "cairn permissions list models:/churn"),
    );

  permissions
    .command("grant")
    .description("give a user or group a level on a resource (replaces their earlier level there); needs MANAGE on it")
    .argument("[resource]", RESOURCE_HELP, parseResource)
    .addOption(experimentOption())
    .option("--user <username>", "grant to this user")
    .option("--group <name>", "grant to this group")
    .requiredOption("--level <level>", `one of ${PERMISSION_LEVELS.join(", ")}`, parseLevel)
    .addHelpText("after", examples("cairn permissions grant models:/churn --user bob --level EDIT", "cairn permissions grant experiments:/3 --group ml-team --level READ", "cairn permissions grant deployments:/churn-prod --user ops --level MANAGE"))
    .action(async (resource: ResourceArgument | undefined, options: Target & { user?: string; group?: string; level: PermissionLevel }, command: Command) => {
      const who = principalOf(command, options);
      const client = clientFor(command, io);
      const target = await resolveTarget(client, command, { ...options, resource });
      const { permission } = await client.permissions.set({ ...target, ...who, level: options.level });
      writeLine(io.stdout, `Granted ${permission.level} on ${resourceUri(permission.resource_type, permission.resource_id)} to ${permission.principal_type} '${permission.principal}'.`);
    });

  permissions
    .command("revoke")
    .description("remove what a user or group was granted on a resource; needs MANAGE on it")
    .argument("[resource]", RESOURCE_HELP, parseResource)
    .addOption(experimentOption())
    .option("--user <username>", "the user's grant")
    .option("--group <name>", "the group's grant")
    .addHelpText("after", examples("cairn permissions revoke models:/churn --user bob", "cairn permissions revoke --experiment churn-training --group ml-team"))
    .action(async (resource: ResourceArgument | undefined, options: Target & { user?: string; group?: string }, command: Command) => {
      const who = principalOf(command, options);
      const client = clientFor(command, io);
      const target = await resolveTarget(client, command, { ...options, resource });
      await client.permissions.delete({ ...target, ...who });
      writeLine(io.stdout, `Revoked the grant of ${who.principal_type} '${who.principal}' on ${resourceUri(target.resource_type, target.resource_id)}.`);
    });

  permissions
    .command("list")
    .description("list the grants on a resource, or (with --user/--group instead) everything granted to someone")
    .argument("[resource]", RESOURCE_HELP, parseResource)
    .addOption(experimentOption())
    .option("--user <username>", "list what this user was granted directly (admin, or yourself)")
    .option("--group <name>", "list what this group was granted (admin)")
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn permissions list models:/churn", "cairn permissions list --experiment churn-training --json", "cairn permissions list --user bob"))
    .action(async (resource: ResourceArgument | undefined, options: Target & { user?: string; group?: string; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const byPrincipal = options.user !== undefined || options.group !== undefined;
      if (byPrincipal && (resource !== undefined || options.experiment !== undefined)) command.error("error: list either a resource's grants or a user's/group's, not both.");
      const { permissions: grants } = await client.permissions.list(byPrincipal ? principalOf(command, options) : await resolveTarget(client, command, { ...options, resource }));
      if (options.json) writeJson(io.stdout, grants);
      else writeLine(io.stdout, grants.length === 0 ? "No permissions granted." : permissionTable(grants, byPrincipal));
    });
}
