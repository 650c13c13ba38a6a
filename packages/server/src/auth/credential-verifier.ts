import { createHmac, randomBytes } from "node:crypto";
import { isCairnError, type AuthStore, type CredentialRecord, type UserSecret } from "@cairn/core";
import { safeEqual } from "./constant-time.js";
import { dummyPasswordHash, verifyPassword } from "./password-hash.js";
import { parseToken, secretMatches } from "./token-secret.js";
import { TtlCache } from "./ttl-cache.js";

/** A Basic verification is trusted again without scrypt for this long (the user row is still read every time). */
export const PASSWORD_CACHE_MS = 5 * 60_000;
/** A token or session row is reused for at most this long, so a revocation elsewhere takes effect within it. */
export const CREDENTIAL_CACHE_MS = 5_000;
/** last_used_at is written at most this often per credential (it is a write on a read path). */
export const TOUCH_INTERVAL_MS = 60_000;

/** Why a token or session was refused; only told to someone who presented its real secret. */
export type CredentialFailure = "invalid" | "revoked" | "expired" | "disabled";

/** The outcome of checking a token or session. */
export type CredentialCheck = { ok: true; record: CredentialRecord } | { ok: false; reason: CredentialFailure };

interface CachedPassword {
  user_id: string;
  password_hash: string;
}

/**
 * Checks passwords, API tokens and UI sessions against the store, with the caches the hot path
 * needs: a password verified with scrypt is remembered for PASSWORD_CACHE_MS under an HMAC of
 * username:password with a per-process key (never the password itself), and only while the
 * user's stored hash is unchanged; credential rows are cached for CREDENTIAL_CACHE_MS.
 */
export class CredentialVerifier {
  private readonly passwords: TtlCache<CachedPassword>;
  private readonly credentials: TtlCache<CredentialRecord>;
  private readonly touched: TtlCache<true>;
  private readonly cacheKey = randomBytes(32);
  private readonly dummyHash = dummyPasswordHash();

  constructor(
    private readonly store: AuthStore,
    private readonly clock: () => number,
  ) {
    this.passwords = new TtlCache(PASSWORD_CACHE_MS, clock);
    this.credentials = new TtlCache(CREDENTIAL_CACHE_MS, clock);
    this.touched = new TtlCache(TOUCH_INTERVAL_MS, clock);
  }

  /**
   * The user when the password is theirs and the account is enabled. An unknown username still
   * costs one scrypt (against a hash nothing matches), so timing does not tell who exists.
   */
  async checkPassword(username: string, password: string): Promise<UserSecret | undefined> {
    const secret = await this.store.findUserSecret(username);
    if (!secret) {
      await verifyPassword(password, this.dummyHash);
      return undefined;
    }
    const key = createHmac("sha256", this.cacheKey).update(`${username}:${password}`).digest("hex");
    const cached = this.passwords.get(key);
    let ok = cached !== undefined && cached.user_id === secret.user_id && safeEqual(cached.password_hash, secret.password_hash);
    if (!ok) {
      ok = await verifyPassword(password, secret.password_hash);
      if (ok) this.passwords.set(key, { user_id: secret.user_id, password_hash: secret.password_hash });
    }
    return ok && !secret.disabled ? secret : undefined;
  }

  /** Checks a presented `cairn_<id>_<secret>` of the given kind (API tokens are not sessions and the other way round). */
  async checkCredential(presented: string, kind: "token" | "session"): Promise<CredentialCheck> {
    const parsed = parseToken(presented);
    if (!parsed) return { ok: false, reason: "invalid" };
    let record = this.credentials.get(parsed.credentialId);
    if (!record) {
      record = await this.store.findCredential(parsed.credentialId);
      if (record) this.credentials.set(parsed.credentialId, record);
    }
    // Compare against something even for an unknown id, so both failures cost the same.
    const matches = secretMatches(parsed.secret, record?.secret_hash ?? "0".repeat(64));
    if (!record || !matches || record.kind !== kind) return { ok: false, reason: "invalid" };
    const now = this.clock();
    if (record.revoked_at !== undefined) return { ok: false, reason: "revoked" };
    if (record.expires_at !== undefined && record.expires_at <= now) return { ok: false, reason: "expired" };
    if (record.disabled) return { ok: false, reason: "disabled" };
    if (!(await this.touch(record, now))) return { ok: false, reason: "invalid" };
    return { ok: true, record };
  }

  /** Drops a credential from the cache (after revoking it here, so it stops working at once on this replica). */
  forgetCredential(credentialId: string): void {
    this.credentials.delete(credentialId);
  }

  /** Drops everything cached about a user (after disabling, demoting or re-passwording them). */
  forgetUser(userId: string): void {
    this.credentials.deleteWhere((r) => r.user_id === userId);
    this.passwords.deleteWhere((p) => p.user_id === userId);
  }

  /** Records use at most once per TOUCH_INTERVAL_MS; false when the credential vanished meanwhile. */
  private async touch(record: CredentialRecord, now: number): Promise<boolean> {
    if (this.touched.get(record.credential_id)) return true;
    if (record.last_used_at !== undefined && now - record.last_used_at < TOUCH_INTERVAL_MS) return true;
    this.touched.set(record.credential_id, true);
    try {
      await this.store.touchCredential(record.credential_id, now);
    } catch (error) {
      // Deleted with its user between the lookup and now: it no longer authenticates anyone.
      if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") {
        this.credentials.delete(record.credential_id);
        return false;
      }
      throw error;
    }
    return true;
  }
}
