import { lstat, open, readdir, rm, stat, type FileHandle } from "node:fs/promises";
import type { Dirent } from "node:fs";
import { join } from "node:path";
import { notFound, type ArtifactFileInfo, type ArtifactObject, type ArtifactStore } from "@cairn/core";
import { writeAtomically } from "./atomic-write.js";
import { errnoCode, translateFsError } from "./fs-errors.js";
import { sortByPath } from "./listing-order.js";
import { createLocalMultipart } from "./local-multipart.js";
import { createLocalRoot, isTempName, STAGING_DIR, type LocalRoot } from "./local-root.js";
import { splitFilePath } from "./relative-path.js";
import { translatedStream } from "./translated-stream.js";
import { readUploadBody } from "./upload-body.js";

// 512 KiB reads instead of the 64 KiB default: an eighth of the read calls and socket writes
// (downloads ~2.5x faster), while a transfer still holds little memory.
const READ_CHUNK_BYTES = 512 * 1024;

/** An ArtifactStore on a local directory; nothing it does reaches outside rootDir, links included. */
export function createLocalArtifactStore(rootDir: string): ArtifactStore {
  const root = createLocalRoot(rootDir);

  async function put(path: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }> {
    const file = await root.prepareWrite(path);
    return { size: await writeAtomically(file, readUploadBody(body, path), `write '${path}'`) };
  }

  async function get(path: string): Promise<ArtifactObject> {
    splitFilePath(path, "read");
    const real = await root.locate(path);
    if (real === undefined) throw notFound(`No artifact at '${path}'.`);
    let handle: FileHandle;
    try {
      handle = await open(real, "r");
    } catch (error) {
      throw translateFsError(error, `read '${path}'`);
    }
    // fstat the open file: its size must describe the bytes this handle will read.
    const info = await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw translateFsError(error, `read '${path}'`);
    });
    if (!info.isFile()) {
      await handle.close();
      throw notFound(`No artifact file at '${path}': it is a directory. List it instead.`);
    }
    const body = translatedStream(handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES }), (error) => translateFsError(error, `read '${path}'`));
    return { size: info.size, body };
  }

  async function list(dir: string): Promise<ArtifactFileInfo[]> {
    const real = await root.locate(dir);
    if (real === undefined) return [];
    let entries: Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (error) {
      if (errnoCode(error) === "ENOTDIR") return []; // a file has no children
      throw translateFsError(error, `list '${dir}'`);
    }
    const shown = entries.filter((e) => !isTempName(e.name) && !(dir === "" && e.name === STAGING_DIR));
    const infos = await Promise.all(shown.map((entry) => describe(root, join(real, entry.name), entry, dir)));
    return sortByPath(infos.filter((info): info is ArtifactFileInfo => info !== undefined));
  }

  async function remove(path: string): Promise<void> {
    splitFilePath(path, "delete");
    const entry = await root.entry(path);
    if (entry === undefined) return;
    const info = await lstat(entry).catch((error: unknown) => {
      if (errnoCode(error) === "ENOENT") return undefined;
      throw translateFsError(error, `delete '${path}'`);
    });
    if (info === undefined) return;
    if (info.isSymbolicLink()) {
      // Removing a link never touches its target, but a link leading out is refused like a read.
      const target = await root.follow(entry, path);
      if (target !== undefined) await root.assertInside(target.real, path);
    }
    try {
      await rm(entry, { recursive: true, force: true });
    } catch (error) {
      throw translateFsError(error, `delete '${path}'`);
    }
  }

  return { put, get, list, delete: remove, ...createLocalMultipart(root, put) };
}

/** One listing entry; undefined for what a listing must not show (links out of the root, sockets, ...). */
async function describe(root: LocalRoot, abs: string, entry: Dirent, dir: string): Promise<ArtifactFileInfo | undefined> {
  let target = abs;
  if (entry.isSymbolicLink()) {
    const resolved = await root.follow(abs, dir === "" ? entry.name : `${dir}/${entry.name}`);
    if (resolved === undefined || !resolved.inside) return undefined; // dangling, or leads out of the root: unreadable, so not listed
    target = resolved.real;
  }
  try {
    const info = await stat(target);
    if (info.isDirectory()) return { path: entry.name, is_dir: true };
    if (info.isFile()) return { path: entry.name, is_dir: false, file_size: info.size };
    return undefined;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return undefined; // deleted since readdir: the listing is a snapshot
    throw translateFsError(error, `list '${dir}'`);
  }
}
