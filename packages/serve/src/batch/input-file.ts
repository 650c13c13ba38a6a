import { open, type FileHandle } from "node:fs/promises";
import { invalidParameter } from "@cairn/core";

/** Opens an input file for reading; a missing file or a directory is INVALID_PARAMETER_VALUE saying so. */
export async function openInputFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw invalidParameter(`Input file '${path}' does not exist; check the --input path.`);
    if (code === "EISDIR") throw invalidParameter(`Input '${path}' is a directory; pass the path of a .csv or .parquet file.`);
    if (code === "EACCES" || code === "EPERM") throw invalidParameter(`Input file '${path}' cannot be read (permission denied).`);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw invalidParameter(`Input '${path}' is not a regular file; pass the path of a .csv or .parquet file.`);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
