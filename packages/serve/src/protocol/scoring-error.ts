import { CairnError, ERROR_STATUS, isCairnError, type ErrorCode } from "@cairn/core";

/** A CairnError answered with an HTTP status the code table has no code for (415 Unsupported Media Type). */
export class ScoringHttpError extends CairnError {
  readonly httpStatus: number;

  constructor(httpStatus: number, code: ErrorCode, message: string) {
    super(code, message);
    this.httpStatus = httpStatus;
  }

  override get status(): number {
    return this.httpStatus;
  }
}

/** The HTTP status and MLflow error envelope fields for anything a scoring request can throw. */
export function describeError(error: unknown): { status: number; code: ErrorCode; message: string } {
  if (isCairnError(error)) {
    const status = error instanceof ScoringHttpError ? error.httpStatus : ERROR_STATUS[error.code];
    return { status, code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, code: "INTERNAL_ERROR", message: `The scoring server failed: ${message}` };
}

/** MLflow's error envelope as JSON text. */
export function mlflowErrorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ error_code: code, message });
}

/** The Open Inference Protocol's error envelope as JSON text. */
export function oipErrorBody(message: string): string {
  return JSON.stringify({ error: message });
}
