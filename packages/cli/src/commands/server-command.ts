import { InvalidArgumentError, type Command } from "commander";
import { startServer } from "@cairn/server";
import { writeLine, type CliIo } from "../cli-io.js";
import { examples } from "./shared.js";

interface ServerOptions {
  host: string;
  port: number;
  backendStoreUri: string;
  artifactsDestination: string;
  logLevel: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`expected a port number from 0 to 65535, got '${value}'.`);
  return port;
}

/** Resolves when signal aborts, or on the first SIGINT/SIGTERM when no signal is given. */
function waitForShutdown(signal: AbortSignal | undefined): Promise<string> {
  if (signal) {
    return new Promise((resolve) => {
      if (signal.aborted) resolve("abort");
      else signal.addEventListener("abort", () => resolve("abort"), { once: true });
    });
  }
  return new Promise((resolve) => {
    const stop = (name: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(name);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
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
