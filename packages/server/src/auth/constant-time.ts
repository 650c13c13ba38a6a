import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets (or hashes of secrets) in time that does not depend on where they differ.
 * Both sides are hashed first so that inputs of different lengths compare in constant time too
 * (timingSafeEqual itself throws on a length mismatch, which would leak the length).
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}
