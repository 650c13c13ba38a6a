import type { ActiveRun } from "../run/active-run.js";

/** The slice of `process` the guard uses; injectable for tests. */
export interface CrashProcess {
  on(event: "uncaughtException" | "unhandledRejection", listener: (error: unknown) => void): unknown;
  off(event: "uncaughtException" | "unhandledRejection", listener: (error: unknown) => void): unknown;
  exit(code: number): never | void;
}

/** Writes the crash the way Node would have, since our listener replaces Node's own report. */
export type CrashReporter = (error: unknown) => void;

const defaultReporter: CrashReporter = (error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : `Uncaught ${String(error)}`}\n`);
};

/**
 * Ends this client's active runs as FAILED (flushing what is buffered) when the process is about
 * to die of an uncaught exception or unhandled rejection, then exits with code 1. Listeners are
 * installed while at least one run is active and removed when the last one ends.
 */
export function createCrashGuard(proc: CrashProcess = process, report: CrashReporter = defaultReporter): { watch(run: ActiveRun): void } {
  const active = new Set<ActiveRun>();
  let crashing = false;

  const onCrash = (error: unknown) => {
    // A second error while the runs are being ended must not start a second shutdown.
    if (crashing) return;
    crashing = true;
    const runs = [...active];
    void Promise.allSettled(runs.map((run) => run.end("FAILED"))).then((results) => {
      report(error);
      for (const [i, result] of results.entries()) {
        if (result.status === "rejected") report(new Error(`Could not mark run ${runs[i]!.runId} as FAILED: ${String(result.reason)}`));
      }
      uninstall();
      proc.exit(1);
    });
  };
  const install = () => {
    proc.on("uncaughtException", onCrash);
    proc.on("unhandledRejection", onCrash);
  };
  const uninstall = () => {
    proc.off("uncaughtException", onCrash);
    proc.off("unhandledRejection", onCrash);
  };

  return {
    watch(run) {
      if (active.size === 0) install();
      active.add(run);
      run.onEnded(() => {
        active.delete(run);
        if (active.size === 0 && !crashing) uninstall();
      });
    },
  };
}
