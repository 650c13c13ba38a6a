import { createHash } from "node:crypto";

/** A body of one chunk. */
export async function* bodyOf(content: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof content === "string" ? Buffer.from(content) : content;
}

/** A body that yields these bytes and then fails, like a client that disconnects mid-upload. */
export async function* failingBody(bytesFirst: number): AsyncGenerator<Uint8Array> {
  let sent = 0;
  while (sent < bytesFirst) {
    const n = Math.min(1024 * 1024, bytesFirst - sent);
    yield Buffer.alloc(n, 7);
    sent += n;
  }
  throw new Error("client went away");
}

/** size deterministic pseudo-random bytes, generated chunk by chunk (never held whole). */
export async function* generatedBody(size: number, chunkSize = 256 * 1024, onChunk?: () => void): AsyncGenerator<Uint8Array> {
  let state = 0x2545f491;
  for (let offset = 0; offset < size; offset += chunkSize) {
    const length = Math.min(chunkSize, size - offset);
    const chunk = Buffer.allocUnsafe(Math.ceil(length / 4) * 4);
    for (let i = 0; i < chunk.length; i += 4) {
      // xorshift32: cheap, and different bytes in every chunk so misordered chunks are caught.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk.writeInt32LE(state | 0, i);
    }
    onChunk?.();
    yield chunk.subarray(0, length);
  }
}

/** Reads a whole body into a buffer (for small test files only). */
export async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The sha256 hex and length of a body, streamed. */
export async function digestOf(body: AsyncIterable<Uint8Array>, onChunk?: () => void): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    size += chunk.byteLength;
    onChunk?.();
  }
  return { sha256: hash.digest("hex"), size };
}
