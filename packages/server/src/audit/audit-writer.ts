import type { AuditEntry, AuditEntryInput, AuditStore } from "@cairn/core";

// One transaction of this many entries is still quick; a burst larger than this becomes several.
const MAX_BATCH = 500;

interface Pending {
  entry: AuditEntryInput;
  resolve(entry: AuditEntry): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the audit log: an entry arriving while no write is in flight is written at
 * once; entries arriving while one is go together into the next appendAudit call, one
 * transaction per batch. Each caller's promise settles when its own entry is committed (or
 * its batch failed), so many concurrent requests cost a few transactions rather than one each.
 */
export class AuditWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly store: Pick<AuditStore, "appendAudit">) {}

  /** Queues an entry and resolves with it as stored (seq and hashes assigned). */
  write(entry: AuditEntryInput): Promise<AuditEntry> {
    return new Promise<AuditEntry>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const stored = await this.store.appendAudit(batch.map((p) => p.entry));
          batch.forEach((p, i) => p.resolve(stored[i]!));
        } catch (error) {
          // Every request of a failed batch learns of it; later batches are still tried.
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
