import { randomBytes, scrypt as scryptCallback, type ScryptOptions } from "node:crypto";
import { safeEqual } from "./constant-time.js";

/** scrypt's cost parameters: N (CPU/memory cost, a power of two), r (block size), p (parallelism). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's scrypt setting "N=2^14, r=8, p=5" (16 MiB per hash, about as costly as N=2^17 r=8 p=1
 * with an eighth of the memory, which matters when several sign-ins hash at once on a small
 * server). The parameters are stored in every hash, so raising them later keeps old hashes valid.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 5 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on parameters read back from a stored hash, so a damaged row cannot make one check
// take minutes or gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/** Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash base64url) with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, params);
  return encode(params, salt, key);
}

/**
 * True when password matches the stored hash. A hash that does not parse never matches; the
 * comparison of the derived key is constant-time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.key.length, parsed.params);
  return safeEqual(key, parsed.key);
}

/**
 * A hash no password matches (random salt and random "key"), with the default parameters: a
 * sign-in for an unknown username is checked against it, so that it takes as long as a sign-in
 * with a wrong password and the answer time does not tell which usernames exist.
 */
export function dummyPasswordHash(params: ScryptParams = DEFAULT_SCRYPT): string {
  return encode(params, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));
}

/** True when text looks like a hash this module wrote (the store refuses anything else). */
export function isPasswordHash(text: string): boolean {
  return parseHash(text) !== undefined;
}

function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^[1-9]\d{0,7}$/.test(s!) ? Number(s) : NaN)) as [number, number, number];
  if (!(N >= 2 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return undefined;
  const salt = Buffer.from(parts[4]!, "base64url");
  const key = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || key.length < 16 || key.length > 64) return undefined;
  return { params: { N, r, p }, salt, key };
}

function scrypt(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; allow what these parameters need, with room.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCallback(password.normalize("NFC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}
