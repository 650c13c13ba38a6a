import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX = "cairn_";
const SECRET_BYTES = 32;
// cairn_<credential id>_<43 base64url characters>; ids are the store's hex ids (no underscore).
const TOKEN = /^cairn_([A-Za-z0-9-]{1,64})_([A-Za-z0-9_-]{43})$/;

/** A token or session secret split into the credential it names and its random part. */
export interface ParsedToken {
  credentialId: string;
  secret: string;
}

/** 32 random bytes, base64url: the part of a token only its holder knows. */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

/** The token shown once: `cairn_<credential_id>_<secret>`. */
export function formatToken(credentialId: string, secret: string): string {
  return `${PREFIX}${credentialId}_${secret}`;
}

/** Splits a presented token; undefined when it is not shaped like one of ours. */
export function parseToken(token: string): ParsedToken | undefined {
  const match = TOKEN.exec(token);
  return match ? { credentialId: match[1]!, secret: match[2]! } : undefined;
}

/**
 * What the store keeps of a secret: its sha256, hex. (The store makes the credential id, so
 * the hash covers the random part; the lookup is by id and the hash is compared for that row
 * only, which binds the two.)
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Constant-time check of a presented secret against a stored hash. Both sides are sha256 hex of
 * the same length, so they compare directly (the stored hash's shape is no secret).
 */
export function secretMatches(secret: string, storedHash: string): boolean {
  if (!SHA256_HEX.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashSecret(secret), "hex"), Buffer.from(storedHash, "hex"));
}
