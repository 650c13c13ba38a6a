import { PassThrough, type Readable } from "node:stream";

/**
 * Passes source through unchanged, except that an error it emits reaches the reader as
 * translate(error): readers of an artifact only ever see CairnErrors. Destroying the returned
 * stream destroys source, releasing its file descriptor or socket.
 */
export function translatedStream(source: Readable, translate: (error: unknown) => Error): Readable {
  const out = new PassThrough();
  source.on("error", (error) => out.destroy(translate(error)));
  out.on("close", () => source.destroy());
  source.pipe(out);
  return out;
}
