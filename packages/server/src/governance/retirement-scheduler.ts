import type { FastifyInstance } from "fastify";
import type { RetirementChange, RetirementPolicy } from "@cairn/core";
import { runRetirementPolicy, type RetirementRunStore } from "./retirement-run.js";
import { PeriodicTask } from "../periodic-task.js";

/** How often the scheduler looks for due policies. */
const DEFAULT_INTERVAL_MS = 60_000;

/** One scheduled policy run: the policy as claimed and the changes it made. */
export interface ScheduledRetirementRun {
  policy: RetirementPolicy;
  changes: RetirementChange[];
}

/**
 * Applies scheduled retirement policies in the background. Each tick claims the due policies
 * (a compare-and-set of last_run_at, so of several replicas exactly one runs a given policy)
 * and applies each; a failing policy is reported and the others still run.
 */
export class RetirementScheduler {
  private task: PeriodicTask | undefined;

  constructor(
    private readonly store: RetirementRunStore,
    private readonly clock: () => number,
    private readonly onError: (error: unknown, policy?: RetirementPolicy) => void = () => {},
  ) {}

  /** Claims and applies every policy due now; returns what each run changed. */
  async tick(): Promise<ScheduledRetirementRun[]> {
    const now = this.clock();
    const runs: ScheduledRetirementRun[] = [];
    for (const policy of await this.store.claimDueRetirementPolicies(now)) {
      try {
        runs.push({ policy, changes: await runRetirementPolicy(this.store, policy, { dryRun: false, now }) });
      } catch (error) {
        // Claimed already: this policy runs again at its next due time, not on the next tick.
        this.onError(error, policy);
      }
    }
    return runs;
  }

  /** Starts ticking every intervalMs; the timer never keeps the process alive. */
  start(intervalMs = DEFAULT_INTERVAL_MS): void {
    this.task ??= new PeriodicTask(() => this.tick(), (error) => this.onError(error));
    this.task.start(intervalMs);
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    await this.task?.stop();
  }
}

/** Starts a scheduler for the app's store, logging failures and stopping when the app closes. */
export function startRetirementScheduler(app: FastifyInstance, store: RetirementRunStore, clock: () => number): RetirementScheduler {
  const scheduler = new RetirementScheduler(store, clock, (error, policy) =>
    app.log.error({ err: error, policy: policy?.name }, policy ? `retirement policy '${policy.name}' failed` : "retirement scheduling failed"),
  );
  scheduler.start();
  app.addHook("onClose", async () => scheduler.stop());
  return scheduler;
}
