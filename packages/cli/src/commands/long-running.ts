import { InvalidArgumentError } from "commander";

/** Parses --port: a whole number from 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`expected a port number from 0 to 65535, got '${value}'.`);
  return port;
}

/** Resolves when signal aborts, or on the first SIGINT/SIGTERM when no signal is given. */
export function waitForShutdown(signal: AbortSignal | undefined): Promise<string> {
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
