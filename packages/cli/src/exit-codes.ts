import { CommanderError } from "commander";
import { isCairnError, type ErrorCode } from "@cairn/core";

/** Exit status of a command that failed for a reason without a code of its own (a bug, an I/O error). */
export const EXIT_FAILURE = 1;
/** Exit status of a command line that does not parse: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

/**
 * One exit status per error code, so scripts can tell "not found" from "refused" from
 * "server down" without parsing messages. Grouped by HTTP status; documented in `cairn --help`.
 */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  INVALID_PARAMETER_VALUE: 10,
  BAD_REQUEST: 11,
  RESOURCE_ALREADY_EXISTS: 12,
  INVALID_STATE: 13,
  RESOURCE_DOES_NOT_EXIST: 14,
  NOT_FOUND: 15,
  ENDPOINT_NOT_FOUND: 16,
  ALREADY_EXISTS: 17,
  RESOURCE_CONFLICT: 18,
  ABORTED: 19,
  UNAUTHENTICATED: 20,
  PERMISSION_DENIED: 21,
  REQUEST_LIMIT_EXCEEDED: 22,
  INTERNAL_ERROR: 23,
  NOT_IMPLEMENTED: 24,
  TEMPORARILY_UNAVAILABLE: 25,
};

/** The one mapping from anything a command can throw to the process exit status. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  if (isCairnError(error)) return EXIT_CODES[error.code];
  return EXIT_FAILURE;
}

/** The exit status table as help text. */
export function describeExitCodes(): string {
  const byCode = Object.entries(EXIT_CODES).map(([code, status]) => `  ${String(status).padStart(3)}  ${code}`);
  return ["Exit status:", "    0  success", `  ${String(EXIT_FAILURE).padStart(3)}  unexpected failure`, `  ${String(EXIT_USAGE).padStart(3)}  usage error`, ...byCode].join("\n");
}
