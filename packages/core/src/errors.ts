/** MLflow's error codes and the HTTP status each one maps to (mlflow/protos/databricks.proto). */
export const ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  ABORTED: 409,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error type domain, store and server code throw; the server renders it as MLflow's envelope. */
export class CairnError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CairnError";
    this.code = code;
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Shorthand for the most common error: a request parameter a person must fix. */
export function invalidParameter(message: string): CairnError {
  return new CairnError("INVALID_PARAMETER_VALUE", message);
}

/** Shorthand for a missing resource. */
export function notFound(message: string): CairnError {
  return new CairnError("RESOURCE_DOES_NOT_EXIST", message);
}

/** True when value is a CairnError (also across duplicated module instances). */
export function isCairnError(value: unknown): value is CairnError {
  return value instanceof CairnError || (value instanceof Error && value.name === "CairnError" && "code" in value);
}
