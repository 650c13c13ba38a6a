import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { CairnError } from "@cairn/core";
import { tempPathBeside } from "./local-root.js";
import { translateFsError } from "./fs-errors.js";

const WRITE_BUFFER_BYTES = 2 * 1024 * 1024;

/**
 * Streams body into a temp file beside file, then renames it over file: readers see the old
 * file or the whole new one, never a half-written one, and a failure leaves nothing behind.
 * Returns the number of bytes written; onChunk sees every chunk (to hash it on the way, say).
 */
export async function writeAtomically(
  file: string,
  body: AsyncIterable<Uint8Array>,
  action: string,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<number> {
  const temp = tempPathBeside(file);
  let size = 0;
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          size += chunk.byteLength;
          onChunk?.(chunk);
          yield chunk;
        }
      },
      // flush: fsync before close, so the rename cannot outlive the data in a crash. A 2 MiB
      // high-water mark lets the stream gather socket chunks (64 KiB) into large writev calls:
      // uploads run ~1.5x faster than with the 16 KiB default.
      createWriteStream(temp, { flags: "wx", flush: true, highWaterMark: WRITE_BUFFER_BYTES }),
    );
    await rename(temp, file);
    return size;
  } catch (error) {
    await rm(temp, { force: true }).catch((cleanupError: unknown) => {
      throw new CairnError("INTERNAL_ERROR", `Cannot ${action}, and its temp file '${temp}' could not be removed either: remove it by hand.`, {
        cause: new AggregateError([error, cleanupError]),
      });
    });
    throw translateFsError(error, action);
  }
}
