import { randomUUID } from "node:crypto";
import { lstat, mkdir, realpath } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { CairnError, invalidParameter } from "@cairn/core";
import { errnoCode, translateFsError } from "./fs-errors.js";
import { splitArtifactPath, splitFilePath } from "./relative-path.js";

/** The hidden directory under the root where multipart parts wait; never listed, never writable by path. */
export const STAGING_DIR = ".cairn-multipart";

const TEMP_NAME = /^\.cairn-tmp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh temp file name in the same directory as file, so that renaming it over file is atomic. */
export function tempPathBeside(file: string): string {
  // The target's own name is left out: it could push the temp name past the 255-byte limit.
  return join(dirname(file), `.cairn-tmp-${randomUUID()}`);
}

/** True for the names tempPathBeside makes: half-written files that listings must not show. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** A directory that artifact paths are confined to, symbolic links included. */
export interface LocalRoot {
  /** The root's real absolute path; the directory is created on first use. */
  real(): Promise<string>;
  /** The real path of an existing file or directory, or undefined when there is none. */
  locate(path: string): Promise<string | undefined>;
  /** Creates the parent directories of a file about to be written and returns the file's real path. */
  prepareWrite(path: string): Promise<string>;
  /** The entry itself (a final link is not followed) in its real parent directory, or undefined when the parent is missing. */
  entry(path: string): Promise<string | undefined>;
  /** Where abs really is, and whether that is inside the root; undefined when nothing is there. */
  follow(abs: string, path: string): Promise<{ real: string; inside: boolean } | undefined>;
  /** Refuses a real path that is not the root or below it. */
  assertInside(real: string, path: string): Promise<void>;
}

/** Confines paths to rootDir: every real path is checked to be under the root's real path. */
export function createLocalRoot(rootDir: string): LocalRoot {
  const absolute = resolve(rootDir);
  let rootReal: Promise<string> | undefined;

  function real(): Promise<string> {
    rootReal ??= (async () => {
      await mkdir(absolute, { recursive: true });
      return realpath(absolute);
    })().catch((error: unknown) => {
      rootReal = undefined; // a later call may find the problem fixed
      throw translateFsError(error, `open the artifact root '${absolute}'`);
    });
    return rootReal;
  }

  async function isInside(candidate: string): Promise<boolean> {
    const root = await real();
    return candidate === root || candidate.startsWith(root + sep);
  }

  async function assertInside(candidate: string, path: string): Promise<void> {
    if (!(await isInside(candidate))) {
      throw invalidParameter(`Artifact path '${path}' leads outside the artifact root through a symbolic link; Cairn does not follow links out of its root.`);
    }
  }

  async function follow(abs: string, path: string): Promise<{ real: string; inside: boolean } | undefined> {
    const found = await realOrMissing(abs, path);
    return found === undefined ? undefined : { real: found, inside: await isInside(found) };
  }

  async function entry(path: string): Promise<string | undefined> {
    const segments = splitFilePath(path, "address");
    refuseReserved(segments, path);
    const parent = await locate(segments.slice(0, -1).join("/"));
    return parent === undefined ? undefined : join(parent, segments[segments.length - 1] ?? "");
  }

  /** realpath, with "not there" (also: a file where a directory was expected) as undefined. */
  async function realOrMissing(abs: string, path: string): Promise<string | undefined> {
    try {
      return await realpath(abs);
    } catch (error) {
      if (errnoCode(error) === "ENOENT" || errnoCode(error) === "ENOTDIR") return undefined;
      throw translateFsError(error, `resolve '${path}'`);
    }
  }

  /** The real path of the deepest existing ancestor-or-self of segments, checked to be inside the root. */
  async function deepestExisting(segments: string[], path: string): Promise<{ real: string; depth: number }> {
    const root = await real();
    for (let depth = segments.length; depth >= 0; depth--) {
      const found = await realOrMissing(join(root, ...segments.slice(0, depth)), path);
      if (found === undefined) continue;
      await assertInside(found, path);
      return { real: found, depth };
    }
    throw new CairnError("INTERNAL_ERROR", `Cannot resolve '${path}': the artifact root '${root}' has disappeared.`);
  }

  async function locate(path: string): Promise<string | undefined> {
    const segments = splitArtifactPath(path);
    refuseReserved(segments, path);
    // A missing path is checked too: "not found" below a link out would reveal what exists out there.
    const found = await deepestExisting(segments, path);
    return found.depth === segments.length ? found.real : undefined;
  }

  async function prepareWrite(path: string): Promise<string> {
    const segments = splitFilePath(path, "write");
    refuseReserved(segments, path);
    const root = await real();
    const parents = segments.slice(0, -1);
    // Check the deepest existing ancestor before mkdir: mkdir -p through a link to elsewhere
    // would already have created directories outside the root.
    const existing = await deepestExisting(parents, path);
    let parent: string;
    try {
      await mkdir(join(existing.real, ...parents.slice(existing.depth)), { recursive: true });
      parent = await realpath(join(root, ...parents));
    } catch (error) {
      throw translateFsError(error, `create the directories for '${path}'`);
    }
    await assertInside(parent, path);
    const file = join(parent, segments[segments.length - 1] ?? "");
    await refuseLinkOut(file, path);
    return file;
  }

  /** Replacing a link would not touch its target, but writing "through" it is refused like reading. */
  async function refuseLinkOut(file: string, path: string): Promise<void> {
    const stat = await lstat(file).catch((error: unknown) => {
      if (errnoCode(error) === "ENOENT") return undefined;
      throw translateFsError(error, `inspect '${path}'`);
    });
    if (stat?.isDirectory()) throw invalidParameter(`Cannot write '${path}': it is a directory. Delete it first or choose another path.`);
    if (stat?.isSymbolicLink()) {
      const target = await realOrMissing(file, path);
      if (target === undefined) throw invalidParameter(`Cannot write '${path}': it is a symbolic link to a missing target.`);
      await assertInside(target, path);
    }
  }

  return { real, locate, prepareWrite, entry, follow, assertInside };
}

function refuseReserved(segments: string[], path: string): void {
  if (segments[0] === STAGING_DIR) throw invalidParameter(`Artifact path '${path}' is reserved: '${STAGING_DIR}' holds unfinished multipart uploads.`);
  const last = segments[segments.length - 1];
  if (last !== undefined && isTempName(last)) throw invalidParameter(`Artifact path '${path}' is reserved: that name is used for files being written.`);
}
