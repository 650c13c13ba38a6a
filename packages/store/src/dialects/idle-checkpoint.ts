import type BetterSqlite3 from "better-sqlite3";

/** How long the database must go unchanged before its WAL is folded into the file. */
const IDLE_CHECKPOINT_MS = 1000;

/**
 * Checkpoints the WAL once the database has been idle for IDLE_CHECKPOINT_MS. With
 * wal_autocheckpoint at 10,000 pages (kept high so ingest does not stall), up to 40 MB of
 * recent pages can sit in the WAL, and reads of them go through the WAL index and miss the
 * memory map: right after 10,000 versions were registered, a 3 MB model-versions search took
 * 42 ms instead of 16. A passive checkpoint never waits for readers. Returns the stop function.
 */
export function startIdleCheckpoints(connection: BetterSqlite3.Database): () => void {
  const totalChanges = connection.prepare("select total_changes() as n").pluck();
  let seen = totalChanges.get() as number;
  let changedAt = Date.now();
  let folded = true;
  const timer = setInterval(() => {
    if (!connection.open || connection.inTransaction) return;
    const changes = totalChanges.get() as number;
    if (changes !== seen) {
      seen = changes;
      changedAt = Date.now();
      folded = false;
    } else if (!folded && Date.now() - changedAt >= IDLE_CHECKPOINT_MS) {
      connection.pragma("wal_checkpoint(PASSIVE)");
      folded = true;
    }
  }, IDLE_CHECKPOINT_MS / 2);
  // A store left open must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
