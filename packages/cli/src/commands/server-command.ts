import type { Command } from "commander";
import { startServer } from "@cairn/server";
import { writeLine, type CliIo } from "../cli-io.js";
import { examples } from "./shared.js";
import { parsePort, waitForShutdown } from "./long-running.js";

interface ServerOptions {
  host: string;
  port: number;
  backendStoreUri: string;
  artifactsDestination: string;
  logLevel: string;
}

/** `cairn server`: the tracking server over a store and an artifact root, until interrupted. */
export function addServerCommand(program: Command, io: CliIo): void {
  program
    .command("server")
    .description("run the Cairn tracking server (MLflow REST API) until Ctrl+C")
    .option("--host <host>", "interface to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--port <port>", "TCP port", parsePort, 5000)
    .option("--backend-store-uri <uri>", "sqlite:///path.db or postgresql://user@host:5432/db", "sqlite:///cairn-data/cairn.db")
    .option("--artifacts-destination <path>", "where artifacts are stored (a directory or s3://bucket/prefix)", "./cairn-data/artifacts")
    .option("--log-level <level>", "server log level (pino JSON lines on stdout): fatal, error, warn, info, debug, trace or silent", "warn")
    .addHelpText(
      "after",
      examples(
        "cairn server",
        "cairn server --host 0.0.0.0 --port 8080",
        "cairn server --backend-store-uri postgresql://cairn@db:5432/cairn --artifacts-destination s3://ml/artifacts",
      ),
    )
    .action(async (options: ServerOptions) => {
      const server = await startServer({
        host: options.host,
        port: options.port,
        backendStoreUri: options.backendStoreUri,
        artifactsDestination: options.artifactsDestination,
        logLevel: options.logLevel,
      });
      writeLine(io.stdout, `Cairn server listening on ${server.url}`);
      writeLine(io.stdout, `  store: ${options.backendStoreUri}  artifacts: ${options.artifactsDestination}`);
      writeLine(io.stdout, "Press Ctrl+C to stop.");
      const reason = await waitForShutdown(io.shutdownSignal);
      writeLine(io.stdout, `Stopping (${reason})...`);
      await server.close();
      writeLine(io.stdout, "Stopped.");
    });
}
