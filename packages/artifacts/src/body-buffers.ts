/**
 * Regroups a body into buffers of sizeFor(index) bytes, the last one possibly shorter; an empty
 * body gives one empty buffer. A buffer is only filled when the consumer asks for it, so memory
 * stays bounded whatever the body's length. With reuse, a yielded buffer is refilled once the
 * consumer asks for the next one (same size permitting): for consumers done with each buffer by then.
 */
export async function* fixedSizeChunks(
  body: AsyncIterable<Uint8Array>,
  sizeFor: (index: number) => number,
  options: { reuse?: boolean } = {},
): AsyncGenerator<Buffer> {
  let index = 0;
  let buffer: Buffer | undefined;
  let spare: Buffer | undefined;
  let filled = 0;
  for await (const chunk of body) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (buffer === undefined) {
        const size = sizeFor(index);
        buffer = spare?.length === size ? spare : Buffer.allocUnsafe(size);
      }
      const n = Math.min(buffer.length - filled, chunk.byteLength - offset);
      buffer.set(chunk.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === buffer.length) {
        yield buffer;
        if (options.reuse) spare = buffer;
        index += 1;
        buffer = undefined;
        filled = 0;
      }
    }
  }
  if (buffer !== undefined) yield buffer.subarray(0, filled);
  else if (index === 0) yield Buffer.alloc(0);
}

/** Reads a whole body into one buffer, throwing tooLarge() as soon as it passes limit bytes. */
export async function readAtMost(body: AsyncIterable<Uint8Array>, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
