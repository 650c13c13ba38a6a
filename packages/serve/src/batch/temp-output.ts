import { randomBytes } from "node:crypto";
import { open, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { invalidParameter } from "@cairn/core";

/**
 * An output file written under a temporary name beside its destination and renamed into place
 * only when complete, so a failed run never leaves a half-written file where a reader looks.
 */
export interface TempOutput {
  readonly path: string;
  readonly tempPath: string;
  readonly handle: FileHandle;
  /** Appends bytes (or UTF-8 text) at the end of what was written. */
  append(data: Uint8Array | string): Promise<void>;
  /** Closes the file and renames it to its destination, replacing any file there. */
  commit(): Promise<void>;
  /** Closes and deletes the temporary file; safe after commit (it does nothing then). */
  discard(): Promise<void>;
}

/** Creates the temporary file for path; a missing directory or a path that is a directory is INVALID_PARAMETER_VALUE. */
export async function openTempOutput(path: string): Promise<TempOutput> {
  const dir = dirname(path);
  const dirStats = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw invalidParameter(`The output directory '${dir}' does not exist; create it or choose another --output path.`);
    throw error;
  });
  if (!dirStats.isDirectory()) throw invalidParameter(`The output path's parent '${dir}' is not a directory.`);
  const existing = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (existing?.isDirectory()) throw invalidParameter(`The output path '${path}' is a directory; give a file name ending in .csv or .parquet.`);
  // Hidden and unique: a concurrent run writing the same output cannot clobber this one's bytes.
  const tempPath = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tempPath, "wx");
  let position = 0;
  let state: "open" | "committed" | "discarded" = "open";
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    path,
    tempPath,
    handle,
    async append(data) {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
        done += bytesWritten;
      }
      position += bytes.length;
    },
    async commit() {
      if (state !== "open") throw new Error(`The output ${path} was already ${state}.`);
      await close();
      await rename(tempPath, path);
      state = "committed";
    },
    async discard() {
      if (state !== "open") return;
      state = "discarded";
      try {
        await close();
      } finally {
        await rm(tempPath, { force: true });
      }
    },
  };
}
