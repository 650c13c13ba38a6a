import type { FileHandle } from "node:fs/promises";
import { invalidParameter } from "@cairn/core";
import type { AsyncBuffer } from "hyparquet";

/**
 * A hyparquet AsyncBuffer over an open file: each slice is one positioned read of just those
 * bytes, so reading a footer or a column chunk never loads the rest of the file.
 */
export function fileAsyncBuffer(handle: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const from = Math.max(0, Math.min(start, size));
      const to = Math.max(from, Math.min(end, size));
      const bytes = new Uint8Array(to - from);
      await readFully(handle, bytes, from);
      return bytes.buffer;
    },
  };
}

/** Fills bytes from the file at position, looping over short reads; a file that ends early is INVALID_PARAMETER_VALUE. */
export async function readFully(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesRead } = await handle.read(bytes, done, bytes.length - done, position + done);
    if (bytesRead === 0) {
      throw invalidParameter(`The input file ends at byte ${position + done}, but its metadata points at ${bytes.length} bytes from byte ${position}; it is truncated (or was cut short while being read).`);
    }
    done += bytesRead;
  }
}
