import type { Command } from "commander";
import type { Deployment, DeploymentRevision } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { deploymentStatus, deploymentTable, historyTable } from "../output/deployment-views.js";
import { addDeployManifestCommand } from "./deploy-manifest-command.js";
import { addDeployTrafficCommands } from "./deploy-traffic-commands.js";
import { addInferenceLogsCommand } from "./inference-logs-command.js";
import { clientFor, collectPages, DEFAULT_MAX_RESULTS, examples, noteTruncated, parseMaxResults } from "./shared.js";

/**
 * `cairn deploy ...` (deployments: create, traffic actions, status, history, list, delete) and
 * `cairn inference-logs ...` (what the serving processes of deployments logged).
 */
export function addDeployCommand(program: Command, io: CliIo): void {
  const deploy = program
    .command("deploy")
    .description("create deployments of registered models and shift their traffic: canary, A/B, shadow, promote, rollback")
    .addHelpText(
      "after",
      examples(
        "cairn deploy create churn-prod --model models:/churn@champion",
        "cairn deploy canary churn-prod --model 7 --percent 10",
        "cairn deploy promote churn-prod",
        "cairn deploy status churn-prod",
        "cairn deploy rollback churn-prod",
      ),
    );

  deploy
    .command("create")
    .description("create a deployment sending all traffic to one version or alias of a registered model")
    .argument("<name>", "deployment name: 1 to 63 letters, digits, '_', '.' and '-', starting with a letter or digit")
    .requiredOption("--model <uri>", "models:/<model>/<version> or models:/<model>@<alias> (an alias is followed when it moves)")
    .option("--description <text>", "what the deployment is for")
    .option("--json", "print the deployment as JSON")
    .addHelpText("after", examples("cairn deploy create churn-prod --model models:/churn@champion", "cairn deploy create churn-pinned --model models:/churn/6 --description 'pinned for audit'"))
    .action(async (name: string, options: { model: string; description?: string; json?: boolean }, command: Command) => {
      const { deployment } = await clientFor(command, io).deployments.create({
        name,
        model_uri: options.model,
        ...(options.description === undefined ? {} : { description: options.description }),
      });
      if (options.json) return writeJson(io.stdout, deployment);
      writeLine(io.stdout, `Created deployment '${deployment.name}' of model '${deployment.model_name}' (revision 1).`);
      writeLine(io.stdout);
      writeLine(io.stdout, deploymentStatus(deployment));
    });

  deploy
    .command("status")
    .description("show a deployment's routes: role, model URI, the version it resolves to now, traffic share")
    .argument("<name>", "deployment name")
    .option("--json", "print the deployment as JSON (what serving processes read)")
    .addHelpText("after", examples("cairn deploy status churn-prod", "cairn deploy status churn-prod --json"))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { deployment } = await clientFor(command, io).deployments.get({ name });
      if (options.json) writeJson(io.stdout, deployment);
      else writeLine(io.stdout, deploymentStatus(deployment));
    });

  deploy
    .command("list")
    .description("list deployments by name")
    .option("--model <name>", "only deployments of this registered model")
    .option("--filter <filter>", "search filter on name, model_name and timestamps, e.g. \"name LIKE 'churn%'\"")
    .option("--max-results <n>", "stop after this many deployments", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn deploy list", "cairn deploy list --model churn --json", "cairn deploy list --filter \"name LIKE 'churn-%'\""))
    .action(async (options: { model?: string; filter?: string; maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const clauses = [options.filter, options.model === undefined ? undefined : `model_name = ${quote(options.model)}`].filter((c): c is string => c !== undefined);
      const filter = clauses.length === 0 ? undefined : clauses.map((c) => (clauses.length > 1 ? `(${c})` : c)).join(" AND ");
      const { items, more } = await collectPages<Deployment>(options.maxResults, async (max_results, page_token) => {
        const page = await client.deployments.search({ ...(filter ? { filter } : {}), max_results: Math.min(max_results, 1000), ...(page_token ? { page_token } : {}) });
        return { items: page.deployments, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No deployments found." : deploymentTable(items));
      noteTruncated(io, items.length, more);
    });

  deploy
    .command("history")
    .description("show a deployment's revisions, newest first: action, time and routes")
    .argument("<name>", "deployment name")
    .option("--max-results <n>", "stop after this many revisions", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn deploy history churn-prod", "cairn deploy history churn-prod --json"))
    .action(async (name: string, options: { maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages<DeploymentRevision>(options.maxResults, async (max_results, page_token) => {
        const page = await client.deployments.history({ name, max_results: Math.min(max_results, 1000), ...(page_token ? { page_token } : {}) });
        return { items: page.revisions, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, historyTable(items));
      noteTruncated(io, items.length, more);
    });

  addDeployTrafficCommands(deploy, io);
  addDeployManifestCommand(deploy, io);

  deploy
    .command("delete")
    .description("delete a deployment and its history (serving processes following it stop finding it)")
    .argument("<name>", "deployment name")
    .addHelpText("after", examples("cairn deploy delete churn-staging"))
    .action(async (name: string, _options: unknown, command: Command) => {
      await clientFor(command, io).deployments.delete({ name });
      writeLine(io.stdout, `Deleted deployment '${name}'.`);
    });

  addInferenceLogsCommand(program, io);
}

/** A filter literal; the grammar has no escapes, so the other quote is used when needed. */
function quote(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}
