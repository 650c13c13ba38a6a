import type { AuthStore, GovernedResource, PermissionLevel } from "@cairn/core";
import { TtlCache } from "./ttl-cache.js";

/**
 * A grant lookup is reused for at most this long. On the replica that changes a grant (or a
 * group's members, or deletes or renames a resource) the cache is emptied at once; other replicas
 * see the change within this time, as with token revocation.
 */
export const GRANT_CACHE_MS = 5_000;
// A run or logged model never moves to another experiment, so the answer can be kept long.
const OWNER_CACHE_MS = 60 * 60_000;

/**
 * The two lookups every authorized request makes (which experiment governs a run or logged
 * model, and what the user was granted on it), cached so that checking permissions costs no
 * database round trip on the hot path: logging metrics, ingesting events, searching.
 */
export class GrantCache {
  private readonly levels: TtlCache<PermissionLevel | null>;
  private readonly owners: TtlCache<string>;

  constructor(
    private readonly store: Pick<AuthStore, "grantedLevels" | "experimentOf">,
    clock: () => number,
  ) {
    this.levels = new TtlCache(GRANT_CACHE_MS, clock, 50_000);
    this.owners = new TtlCache(OWNER_CACHE_MS, clock, 50_000);
  }

  /** AuthStore.grantedLevels, asking the store only for the ids not cached. */
  async grantedLevels(userId: string, type: GovernedResource, ids: readonly string[]): Promise<Map<string, PermissionLevel>> {
    const out = new Map<string, PermissionLevel>();
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.levels.get(key(userId, type, id));
      if (cached === undefined) missing.push(id);
      else if (cached !== null) out.set(id, cached);
    }
    if (missing.length === 0) return out;
    const fetched = await this.store.grantedLevels(userId, type, missing);
    for (const id of missing) {
      const level = fetched.get(id);
      this.levels.set(key(userId, type, id), level ?? null);
      if (level !== undefined) out.set(id, level);
    }
    return out;
  }

  /** AuthStore.experimentOf; only answers that name an experiment are kept (a missing run may be created later). */
  async experimentOf(kind: "run" | "logged_model", id: string): Promise<string | undefined> {
    const cached = this.owners.get(`${kind}\u0000${id}`);
    if (cached !== undefined) return cached;
    const experiment = await this.store.experimentOf(kind, id);
    if (experiment !== undefined) this.owners.set(`${kind}\u0000${id}`, experiment);
    return experiment;
  }

  /** Forgets every grant lookup (after anything on this replica that may change one). */
  invalidate(): void {
    this.levels.clear();
  }
}

function key(userId: string, type: GovernedResource, id: string): string {
  return `${userId}\u0000${type}\u0000${id}`;
}
