import type { Command } from "commander";
import type { Deployment } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { deploymentStatus } from "../output/deployment-views.js";
import { expandRefs, parsePercent, parseRevision, parseVariants, type VariantArg } from "./deploy-model-refs.js";
import { clientFor, examples } from "./shared.js";

const MODEL_HELP = "version number (7), alias (@champion) or models:/ URI of the deployment's model";

/** Prints what an action left: a sentence, then the routes (or the deployment as JSON). */
function report(io: CliIo, sentence: string, deployment: Deployment, json: boolean | undefined): void {
  if (json) return writeJson(io.stdout, deployment);
  writeLine(io.stdout, `${sentence} (revision ${deployment.revision}).`);
  writeLine(io.stdout);
  writeLine(io.stdout, deploymentStatus(deployment));
}

/** `cairn deploy canary|ab|shadow|promote|rollback`: the actions that change a deployment's traffic. */
export function addDeployTrafficCommands(deploy: Command, io: CliIo): void {
  deploy
    .command("canary")
    .description("send a share of the traffic to a canary, the rest to the primary (replaces an A/B test)")
    .argument("<name>", "deployment name")
    .requiredOption("--model <ref>", MODEL_HELP)
    .requiredOption("--percent <n>", "share of requests for the canary, above 0 and at most 100", parsePercent)
    .option("--json", "print the deployment as JSON")
    .addHelpText("after", examples("cairn deploy canary churn-prod --model 7 --percent 10", "cairn deploy canary churn-prod --model models:/churn@challenger --percent 2.5"))
    .action(async (name: string, options: { model: string; percent: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const [modelUri] = await expandRefs(client, name, [options.model]);
      const { deployment } = await client.deployments.canary({ name, model_uri: modelUri!, percent: options.percent });
      report(io, `Canary ${deployment.canary!.model_uri} now takes ${options.percent}% of '${name}'`, deployment, options.json);
    });

  deploy
    .command("ab")
    .description("split the traffic over weighted variants (whole-number weights summing to 100; replaces a canary)")
    .argument("<name>", "deployment name")
    .requiredOption("--variants <list>", "comma-separated <ref>:<weight>, each ref a version number, @alias or models:/ URI", parseVariants)
    .option("--sticky-key <field>", "request field (or header) whose value keeps a caller on one variant")
    .option("--json", "print the deployment as JSON")
    .addHelpText("after", examples("cairn deploy ab churn-prod --variants 6:50,7:50", "cairn deploy ab churn-prod --variants @champion:90,@challenger:10 --sticky-key customer_id"))
    .action(async (name: string, options: { variants: VariantArg[]; stickyKey?: string; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const uris = await expandRefs(client, name, options.variants.map((v) => v.ref));
      const variants = options.variants.map((v, i) => ({ model_uri: uris[i]!, weight: v.weight }));
      const { deployment } = await client.deployments.ab({ name, variants, ...(options.stickyKey === undefined ? {} : { sticky_key: options.stickyKey }) });
      report(io, `A/B test on '${name}' across ${variants.length} variants`, deployment, options.json);
    });

  deploy
    .command("shadow")
    .description("copy a share of the requests to a shadow model whose answers are only logged")
    .argument("<name>", "deployment name")
    .requiredOption("--model <ref>", MODEL_HELP)
    .requiredOption("--percent <n>", "share of requests copied to the shadow, above 0 and at most 100", parsePercent)
    .option("--json", "print the deployment as JSON")
    .addHelpText("after", examples("cairn deploy shadow churn-prod --model 8 --percent 100"))
    .action(async (name: string, options: { model: string; percent: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const [modelUri] = await expandRefs(client, name, [options.model]);
      const { deployment } = await client.deployments.shadow({ name, model_uri: modelUri!, percent: options.percent });
      report(io, `Shadow ${deployment.shadow!.model_uri} now gets a copy of ${options.percent}% of '${name}'`, deployment, options.json);
    });

  deploy
    .command("promote")
    .description("make the canary the primary; during an A/B test, the variant given with --model; else the shadow")
    .argument("<name>", "deployment name")
    .option("--model <ref>", `the A/B variant to promote: ${MODEL_HELP}`)
    .option("--json", "print the deployment as JSON")
    .addHelpText("after", examples("cairn deploy promote churn-prod", "cairn deploy promote churn-prod --model 7"))
    .action(async (name: string, options: { model?: string; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const modelUri = options.model === undefined ? undefined : (await expandRefs(client, name, [options.model]))[0];
      const { deployment } = await client.deployments.promote({ name, ...(modelUri === undefined ? {} : { model_uri: modelUri }) });
      report(io, `Promoted ${deployment.primary.model_uri} to primary of '${name}'`, deployment, options.json);
    });

  deploy
    .command("rollback")
    .description("restore the routes of the revision before the current one (or of --revision), as a new revision")
    .argument("<name>", "deployment name")
    .option("--revision <n>", "the revision to restore (see cairn deploy history)", parseRevision)
    .option("--json", "print the deployment as JSON")
    .addHelpText("after", examples("cairn deploy rollback churn-prod", "cairn deploy rollback churn-prod --revision 3"))
    .action(async (name: string, options: { revision?: number; json?: boolean }, command: Command) => {
      const { deployment } = await clientFor(command, io).deployments.rollback({ name, ...(options.revision === undefined ? {} : { revision: options.revision }) });
      report(io, `Rolled '${name}' back${options.revision === undefined ? "" : ` to the routes of revision ${options.revision}`}`, deployment, options.json);
    });
}
