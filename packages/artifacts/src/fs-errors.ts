import { CairnError, isCairnError } from "@cairn/core";

/** The errno code of a Node system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" ? (error as NodeJS.ErrnoException).code : undefined;
}

/**
 * Turns a filesystem error met while doing `action` (e.g. "write 'a/b.txt'") into a CairnError a
 * person can act on, keeping the original as cause. CairnErrors pass through unchanged.
 */
export function translateFsError(error: unknown, action: string): CairnError {
  if (isCairnError(error)) return error;
  const code = errnoCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ENOENT":
      return new CairnError("RESOURCE_DOES_NOT_EXIST", `Cannot ${action}: it does not exist.`, { cause: error });
    case "ENOTDIR":
    case "EISDIR":
    case "EEXIST":
    case "ENOTEMPTY":
      return new CairnError("INVALID_PARAMETER_VALUE", `Cannot ${action}: a file and a directory would have the same path (${code}). Choose another path or delete the one in the way.`, { cause: error });
    case "ENAMETOOLONG":
      return new CairnError("INVALID_PARAMETER_VALUE", `Cannot ${action}: a path segment is longer than the filesystem allows.`, { cause: error });
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new CairnError("INTERNAL_ERROR", `Cannot ${action}: the server may not write there (${code}). Check the owner and mode of the artifact root.`, { cause: error });
    case "ENOSPC":
    case "EDQUOT":
      return new CairnError("INTERNAL_ERROR", `Cannot ${action}: the artifact disk is full (${code}). Free space or move the artifact root.`, { cause: error });
    case "EMFILE":
    case "ENFILE":
      return new CairnError("TEMPORARILY_UNAVAILABLE", `Cannot ${action}: the server has too many open files right now (${code}). Retry shortly.`, { cause: error });
    default:
      return new CairnError("INTERNAL_ERROR", `Cannot ${action}: ${detail}`, { cause: error });
  }
}
