/**
 * A stable hash of a routing key in [0, 1): FNV-1a over the string's UTF-16 code units, then
 * murmur3's 32-bit finalizer so nearby keys ("user-1", "user-2") spread evenly. The same key gives
 * the same value in every process and release, which is what keeps a user on one variant.
 */
export function stickyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}
