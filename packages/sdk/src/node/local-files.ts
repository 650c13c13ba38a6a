import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { CairnError } from "@cairn/core";
import type { LocalFile, LocalFiles } from "../artifacts/local-files.js";

/** The node file system behind artifact uploads and downloads: streams, never whole files in memory. */
export function nodeLocalFiles(): LocalFiles {
  return {
    async walk(localPath) {
      const info = await statOrThrow(localPath);
      if (info.isFile()) return { isDirectory: false, files: [{ path: localPath, relativePath: basename(localPath), size: info.size }] };
      if (!info.isDirectory()) throw new CairnError("INVALID_PARAMETER_VALUE", `'${localPath}' is neither a file nor a directory; upload files or directories.`);
      return { isDirectory: true, files: await walkDirectory(localPath, "") };
    },
    read: (path) => createReadStream(path),
    async write(dir, relativePath, chunks) {
      const root = resolve(dir);
      const target = resolve(root, ...relativePath.split("/"));
      // Names come from the server: one leading out of dir must never be written.
      const rel = relative(root, target);
      if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
        throw new CairnError("INVALID_PARAMETER_VALUE", `Refusing to write artifact '${relativePath}' outside '${dir}'.`);
      }
      await mkdir(dirname(target), { recursive: true });
      // Written beside the target and renamed, so a failed transfer never leaves a truncated file under its real name.
      const partial = `${target}.partial-${process.pid}`;
      try {
        await pipeline(chunks, createWriteStream(partial));
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return target;
    },
    baseName: (path) => basename(resolve(path)),
  };
}

async function statOrThrow(localPath: string) {
  try {
    return await stat(localPath);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") throw new CairnError("RESOURCE_DOES_NOT_EXIST", `No file or directory at '${localPath}'.`, { cause: error });
    throw error;
  }
}

/** Files under dir, sorted by relative path so uploads happen in a stable order. */
async function walkDirectory(dir: string, prefix: string): Promise<LocalFile[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: LocalFile[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const relativePath = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    // stat (not the dirent's type) so that symbolic links are followed like the files they point at.
    const info = await stat(path);
    if (info.isDirectory()) files.push(...(await walkDirectory(path, relativePath)));
    else if (info.isFile()) files.push({ path, relativePath, size: info.size });
  }
  return files;
}

