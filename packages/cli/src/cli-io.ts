import type { FetchLike } from "@cairn/sdk";

/** Something text can be written to (process.stdout, or a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
}

/** Everything the CLI touches outside itself, injected so tests run it in-process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  /** The fetch the SDK client uses (default: global fetch). */
  fetch?: FetchLike;
  /** `cairn server` stops when this aborts (default: on SIGINT or SIGTERM). */
  shutdownSignal?: AbortSignal;
  /** Where passwords are read from (default process.stdin); a terminal is prompted without echo. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
}

/** Writes a line to a sink. */
export function writeLine(sink: TextSink, line = ""): void {
  sink.write(`${line}\n`);
}

/** Writes a value as indented JSON; NaN and ±Infinity become MLflow's strings instead of JSON's null. */
export function writeJson(sink: TextSink, value: unknown): void {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2);
  sink.write(`${text}\n`);
}
