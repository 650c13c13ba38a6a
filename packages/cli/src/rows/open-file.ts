import { stat } from "node:fs/promises";
import { invalidParameter } from "@cairn/core";

/** The size of a readable regular file; a missing path or a directory is INVALID_PARAMETER_VALUE saying so. */
export async function fileSize(path: string): Promise<number> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw invalidParameter(`File '${path}' does not exist; check the path.`);
    if (error.code === "EACCES") throw invalidParameter(`File '${path}' cannot be read (permission denied).`);
    throw error;
  });
  if (!info.isFile()) throw invalidParameter(`'${path}' is not a file; give a CSV, JSON-lines or Parquet file.`);
  return info.size;
}
