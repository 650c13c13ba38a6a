import { InvalidArgumentError, type Command } from "commander";
import { CairnError } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";
import { writeLine, type CliIo } from "../cli-io.js";
import { clientFor, examples } from "./shared.js";
import { parsePort, waitForShutdown } from "./long-running.js";

interface ServeOptions {
  deployment?: string;
  host: string;
  port: number;
  logSampleRate: number;
  inferenceLog: boolean;
  pollInterval: number;
}

/** What the CLI reads from a serving table, to say what it serves (the types live in @cairn/serve, loaded on demand). */
interface TableView {
  deployment?: { name: string; revision: number };
  versions: ReadonlyMap<string, { role: string; served: { model: { name: string; version: string } } }>;
  primary: { served: { model: { name: string; version: string } } };
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (value.trim() === "" || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new InvalidArgumentError(`expected a share from 0 to 1 (0.1 logs one prediction in ten), got '${value}'.`);
  return rate;
}

function parseInterval(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 100) throw new InvalidArgumentError(`expected whole milliseconds, at least 100, got '${value}'.`);
  return ms;
}

/** How the serving process reaches Cairn's deployment and inference-log endpoints: through the SDK client. */
function controlPlane(client: CairnClient) {
  return {
    fetchDeployment: (name: string) => client.deployments.get({ name }),
    sendLogs: async (records: Parameters<CairnClient["inferenceLogs"]["log"]>[0]) => {
      await client.inferenceLogs.log(records);
    },
  };
}

function describeTable(table: TableView): string {
  const model = table.primary.served.model;
  if (!table.deployment) return `${model.name} version ${model.version}`;
  const routes = [...table.versions.entries()].map(([version, route]) => `${route.role} v${version}`).join(", ");
  return `revision ${table.deployment.revision}: ${model.name} ${routes}`;
}

/** `cairn serve`: an MLflow-compatible scoring server for a registered ONNX model or a deployment, until interrupted. */
export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("serve a registered ONNX model (or a deployment's traffic split) over MLflow's /invocations and the Open Inference Protocol, until Ctrl+C")
    .argument("[model-uri]", "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>, resolved once at start")
    .option("--deployment <name>", "serve a Cairn deployment instead: follow its canary, A/B and shadow routes and switch versions without downtime")
    .option("--host <host>", "interface to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--port <port>", "TCP port", parsePort, 5001)
    .option("--log-sample-rate <share>", "share of predictions sent to the tracking server's inference log, 0 to 1", parseRate, 1)
    .option("--no-inference-log", "send no predictions to the inference log")
    .option("--poll-interval <ms>", "how often a deployment is checked for changes", parseInterval, 2000)
    .addHelpText(
      "after",
      `${examples(
        "cairn serve models:/churn@champion",
        "cairn serve models:/churn/3 --port 8080 --host 0.0.0.0 --log-sample-rate 0.1",
        "cairn serve --deployment churn-live",
        `curl -s localhost:5001/invocations -H 'content-type: application/json' -d '{"dataframe_split": {"columns": ["age", "income"], "data": [[42, 5100]]}}'`,
      )}\n\nEndpoints: POST /invocations (JSON or CSV), GET /ping /health /version /metrics, and /v2/... (KServe/Triton Open Inference Protocol).`,
    )
    .action(async (modelUri: string | undefined, options: ServeOptions, command: Command) => {
      if ((modelUri === undefined) === (options.deployment === undefined)) {
        command.error("error: give a models:/ URI or --deployment <name>, not both and not neither (see cairn serve --help).", { exitCode: 2 });
      }
      if (modelUri !== undefined && !modelUri.startsWith("models:/")) {
        throw new CairnError("INVALID_PARAMETER_VALUE", `'${modelUri}' is not a models:/ URI; serve a registered version such as models:/churn/3 or models:/churn@champion.`);
      }
      // Loaded here, not at the top: @cairn/serve brings onnxruntime, which other commands never need.
      const serve = await import("@cairn/serve");
      const client = clientFor(command, io);
      const plane = controlPlane(client);
      const server = serve.createScoringServer({
        source: options.deployment ? { deployment: options.deployment, pollIntervalMs: options.pollInterval } : { modelUri: modelUri! },
        client,
        fetchDeployment: plane.fetchDeployment,
        ...(options.inferenceLog ? { sendLogs: plane.sendLogs, logSampleRate: options.logSampleRate } : {}),
        logger: {
          info: (message) => writeLine(io.stdout, message),
          warn: (message) => writeLine(io.stderr, `warning: ${message}`),
          error: (message) => writeLine(io.stderr, `error: ${message}`),
        },
      });
      let url: string;
      try {
        url = await server.listen({ host: options.host, port: options.port });
      } catch (error) {
        await server.close();
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new CairnError("INVALID_PARAMETER_VALUE", `Port ${options.port} on ${options.host} is already in use; pick another with --port.`);
        throw error;
      }
      const table = server.source.current() as TableView | undefined;
      const what = modelUri ?? `deployment ${options.deployment}`;
      writeLine(io.stdout, `Serving ${what}${table ? ` (${describeTable(table)})` : ""} on ${url}`);
      const name = table?.primary.served.model.name ?? "<model>";
      writeLine(io.stdout, `  POST ${url}/invocations   POST ${url}/v2/models/${name}/infer   GET ${url}/metrics`);
      writeLine(io.stdout, `  inference log: ${options.inferenceLog ? `sampling ${options.logSampleRate} of predictions to ${client.trackingUri}` : "off"}`);
      writeLine(io.stdout, "Press Ctrl+C to stop.");
      const reason = await waitForShutdown(io.shutdownSignal);
      writeLine(io.stdout, `Stopping (${reason}): finishing requests and sending queued inference logs...`);
      await server.close();
      writeLine(io.stdout, "Stopped.");
    });
}
