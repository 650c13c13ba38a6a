import { InvalidArgumentError, Option, type Command } from "commander";
import { PERMISSION_LEVELS, type PermissionLevel } from "@cairn/core";
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
  auth?: boolean;
  insecurePublic?: boolean;
  defaultPermission?: PermissionLevel;
  corsOrigin?: string[];
  cookieSecure?: "auto" | "always" | "never";
}

/** Parses --default-permission: one of MLflow's levels, in any case. */
function parseLevel(value: string): PermissionLevel {
  const level = value.toUpperCase() as PermissionLevel;
  if (!PERMISSION_LEVELS.includes(level)) throw new InvalidArgumentError(`expected one of ${PERMISSION_LEVELS.join(", ")}, got '${value}'.`);
  return level;
}

/** `cairn server`: the tracking server over a store and an artifact root, until interrupted. */
export function addServerCommand(program: Command, io: CliIo): void {
  program
    .command("server")
    .description("run the Cairn tracking server (MLflow REST API) until Ctrl+C")
    .option("--host <host>", "interface to listen on (0.0.0.0 for every interface: needs --auth or --insecure-public)", "127.0.0.1")
    .option("--port <port>", "TCP port", parsePort, 5000)
    .option("--backend-store-uri <uri>", "sqlite:///path.db or postgresql://user@host:5432/db", "sqlite:///cairn-data/cairn.db")
    .option("--artifacts-destination <path>", "where artifacts are stored (a directory or s3://bucket/prefix)", "./cairn-data/artifacts")
    .option("--log-level <level>", "server log level (pino JSON lines on stdout): fatal, error, warn, info, debug, trace or silent", "warn")
    .option("--auth", "require sign-in and enforce permissions (first start: set CAIRN_ADMIN_USERNAME and CAIRN_ADMIN_PASSWORD)")
    .option("--default-permission <level>", "with --auth: the level everyone signed in has without a grant: READ (default), USE, EDIT, MANAGE or NO_PERMISSIONS", parseLevel)
    .option("--cors-origin <url...>", "with --auth: web origins allowed to call the API from a browser (none by default)")
    .addOption(new Option("--cookie-secure <mode>", "with --auth: the sign-in cookie's Secure flag (auto: unless plain http to localhost)").choices(["auto", "always", "never"]))
    .option("--insecure-public", "without --auth, listen on a non-loopback --host anyway (only on a network you trust)")
    .addHelpText(
      "after",
      examples(
        "cairn server",
        "CAIRN_ADMIN_USERNAME=admin CAIRN_ADMIN_PASSWORD=... cairn server --auth --host 0.0.0.0",
        "cairn server --auth --default-permission NO_PERMISSIONS --cors-origin https://dash.example.com",
        "cairn server --backend-store-uri postgresql://cairn@db:5432/cairn --artifacts-destination s3://ml/artifacts --auth",
      ),
    )
    .action(async (options: ServerOptions) => {
      const server = await startServer({
        host: options.host,
        port: options.port,
        backendStoreUri: options.backendStoreUri,
        artifactsDestination: options.artifactsDestination,
        logLevel: options.logLevel,
        auth: options.auth ?? false,
        insecurePublic: options.insecurePublic ?? false,
        ...(options.defaultPermission ? { defaultPermission: options.defaultPermission } : {}),
        ...(options.corsOrigin ? { corsOrigins: options.corsOrigin } : {}),
        ...(options.cookieSecure ? { cookieSecure: options.cookieSecure } : {}),
        env: io.env,
      });
      for (const notice of server.notices) writeLine(io.stderr, notice);
      writeLine(io.stdout, `Cairn server listening on ${server.url}`);
      writeLine(io.stdout, `  store: ${options.backendStoreUri}  artifacts: ${options.artifactsDestination}  auth: ${options.auth ? `on (default permission ${options.defaultPermission ?? "READ"})` : "off"}`);
      writeLine(io.stdout, "Press Ctrl+C to stop.");
      const reason = await waitForShutdown(io.shutdownSignal);
      writeLine(io.stdout, `Stopping (${reason})...`);
      await server.close();
      writeLine(io.stdout, "Stopped.");
    });
}
