import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { invalidParameter, notFound, type ArtifactStore, type CompletedPart, type MultipartCredential } from "@cairn/core";
import { writeAtomically } from "./atomic-write.js";
import { errnoCode, translateFsError } from "./fs-errors.js";
import { STAGING_DIR, type LocalRoot } from "./local-root.js";
import { checkNumParts, checkPartNumber, sortCompletedParts, unquoteEtag } from "./multipart-parts.js";
import { splitFilePath } from "./relative-path.js";
import { readUploadBody } from "./upload-body.js";

type Multipart = Pick<ArtifactStore, "createMultipartUpload" | "uploadPart" | "completeMultipartUpload" | "abortMultipartUpload">;

// Only ids this store issued (randomUUID) ever become a directory name.
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UPLOAD_FILE = "upload.json";
/**
 * An upload with no part written for this long is abandoned (its client died or gave up) and
 * is removed when the next upload starts: S3 leaves such parts to a bucket lifecycle rule,
 * commonly "abort incomplete uploads after 7 days", and this is that rule for the local store.
 */
const ABANDONED_UPLOAD_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Multipart uploads for the local store: parts wait in `<root>/.cairn-multipart/<upload_id>/`
 * and are sent through the server (credentials carry no url). Completion writes the file the
 * way put does, so it appears whole or not at all. ETags are quoted md5 hex, as S3's are.
 */
export function createLocalMultipart(root: LocalRoot, put: (path: string, body: AsyncIterable<Uint8Array>) => Promise<unknown>): Multipart {
  async function stagingDir(): Promise<string> {
    const dir = join(await root.real(), STAGING_DIR);
    try {
      await mkdir(dir, { recursive: true });
      await root.assertInside(await realpath(dir), STAGING_DIR);
    } catch (error) {
      throw translateFsError(error, "open the multipart staging directory");
    }
    return dir;
  }

  /** Removes uploads whose directory (touched by every part written) is older than ABANDONED_UPLOAD_MS. */
  async function removeAbandoned(staging: string): Promise<void> {
    try {
      for (const name of await readdir(staging)) {
        if (!UPLOAD_ID.test(name)) continue;
        const dir = join(staging, name);
        const info = await stat(dir).catch((error: unknown) => (errnoCode(error) === "ENOENT" ? undefined : Promise.reject(error)));
        if (info && Date.now() - info.mtimeMs > ABANDONED_UPLOAD_MS) await rm(dir, { recursive: true, force: true });
      }
    } catch (error) {
      throw translateFsError(error, "remove abandoned multipart uploads from the staging directory");
    }
  }

  /** The directory of an upload that exists and was started for path. */
  async function uploadDir(path: string, uploadId: string): Promise<string> {
    const unknown = () => notFound(`No multipart upload '${uploadId}' for '${path}': it was completed, aborted or never started.`);
    if (!UPLOAD_ID.test(uploadId)) throw unknown();
    const dir = join(await stagingDir(), uploadId);
    let started: { path?: unknown };
    try {
      started = JSON.parse(await readFile(join(dir, UPLOAD_FILE), "utf8")) as { path?: unknown };
    } catch (error) {
      if (errnoCode(error) === "ENOENT") throw unknown();
      throw translateFsError(error, `read multipart upload '${uploadId}'`);
    }
    if (started.path !== path) throw notFound(`Multipart upload '${uploadId}' was started for '${String(started.path)}', not '${path}'.`);
    return dir;
  }

  async function createMultipartUpload(path: string, numParts: number): Promise<{ upload_id: string; credentials: MultipartCredential[] }> {
    splitFilePath(path, "upload to");
    checkNumParts(numParts);
    const existing = await root.locate(path);
    const existingInfo = existing === undefined ? undefined : await stat(existing).catch((error: unknown) => {
      throw translateFsError(error, `inspect '${path}'`);
    });
    if (existingInfo?.isDirectory()) {
      throw invalidParameter(`Cannot upload to '${path}': it is a directory. Delete it first or choose another path.`);
    }
    const staging = await stagingDir();
    await removeAbandoned(staging);
    const uploadId = randomUUID();
    const dir = join(staging, uploadId);
    try {
      await mkdir(dir);
      await writeFile(join(dir, UPLOAD_FILE), JSON.stringify({ path, num_parts: numParts }));
    } catch (error) {
      throw translateFsError(error, `start a multipart upload to '${path}'`);
    }
    const credentials = Array.from({ length: numParts }, (_, i) => ({ part_number: i + 1 }));
    return { upload_id: uploadId, credentials };
  }

  async function uploadPart(path: string, uploadId: string, partNumber: number, body: AsyncIterable<Uint8Array>): Promise<string> {
    checkPartNumber(partNumber);
    const dir = await uploadDir(path, uploadId);
    const md5 = createHash("md5");
    await writeAtomically(join(dir, partFile(partNumber)), readUploadBody(body, path), `store part ${partNumber} of '${path}'`, (chunk) => md5.update(chunk));
    return `"${md5.digest("hex")}"`;
  }

  async function completeMultipartUpload(path: string, uploadId: string, parts: CompletedPart[]): Promise<void> {
    const sorted = sortCompletedParts(parts);
    const dir = await uploadDir(path, uploadId);
    // All parts must be there before anything is written.
    for (const part of sorted) {
      await stat(join(dir, partFile(part.part_number))).catch((error: unknown) => {
        if (errnoCode(error) === "ENOENT") {
          throw invalidParameter(`Part ${part.part_number} of multipart upload '${uploadId}' was never uploaded: upload it, or leave it out of the completion.`);
        }
        throw translateFsError(error, `read part ${part.part_number} of '${path}'`);
      });
    }
    await put(path, concatenateParts(dir, sorted, uploadId, path));
    try {
      await rm(dir, { recursive: true, force: true });
    } catch (error) {
      throw translateFsError(error, `remove the parts of the completed upload '${uploadId}' (the file itself was written)`);
    }
  }

  async function abortMultipartUpload(path: string, uploadId: string): Promise<void> {
    const dir = await uploadDir(path, uploadId);
    try {
      await rm(dir, { recursive: true, force: true });
    } catch (error) {
      throw translateFsError(error, `abort multipart upload '${uploadId}'`);
    }
  }

  return { createMultipartUpload, uploadPart, completeMultipartUpload, abortMultipartUpload };
}

function partFile(partNumber: number): string {
  return `part-${partNumber}`;
}

/** The parts' bytes in order, each checked against its ETag as it streams past. */
async function* concatenateParts(dir: string, parts: CompletedPart[], uploadId: string, path: string): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    const md5 = createHash("md5");
    try {
      for await (const chunk of createReadStream(join(dir, partFile(part.part_number)))) {
        md5.update(chunk as Buffer);
        yield chunk as Buffer;
      }
    } catch (error) {
      throw translateFsError(error, `read part ${part.part_number} of '${path}'`);
    }
    const actual = md5.digest("hex");
    if (actual !== unquoteEtag(part.etag)) {
      throw invalidParameter(
        `Part ${part.part_number} of multipart upload '${uploadId}' has ETag "${actual}", not ${part.etag}: send the ETag its upload returned, or upload the part again.`,
      );
    }
  }
}
