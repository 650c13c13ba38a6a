import { runCli, type CliIo } from "@cairn/cli";

/** What one in-process `cairn` invocation printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cairn <argv>` in-process with captured output; env defaults to none, so the host's never leaks in. */
export async function cairn(argv: string[], env: Record<string, string | undefined> = {}, extra: Partial<CliIo> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    ...extra,
  });
  return { code, stdout, stderr };
}

/** A `cairn` bound to one tracking URI through the environment. */
export function cairnAt(url: string): (...argv: string[]) => Promise<CliResult> {
  return (...argv) => cairn(argv, { CAIRN_TRACKING_URI: url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "0" });
}

/** Splits a rendered table into rows of cells (cells are separated by two or more spaces). */
export function tableRows(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => line.split(/ {2,}/));
}
