import type { CreateRetirementPolicyInput, RetirementModelFacts, RetirementPolicy } from "./retirement-entities.js";

/**
 * Persistence for retirement policies and the registry facts their plans read. Changes to
 * versions go through the RegistryStore (so webhooks fire as for any other change); this port
 * only stores policies and hands out due runs. Unknown policies are RESOURCE_DOES_NOT_EXIST, a
 * taken name RESOURCE_ALREADY_EXISTS. Every method is one transaction.
 */
export interface RetirementStore {
  /** Stores a validated policy; a model_name must name an existing registered model. */
  createRetirementPolicy(input: CreateRetirementPolicyInput): Promise<RetirementPolicy>;
  getRetirementPolicy(name: string): Promise<RetirementPolicy>;
  /** Ordered by name; model_name filters on exactly that model (global policies have none). */
  listRetirementPolicies(input?: { model_name?: string }): Promise<RetirementPolicy[]>;
  deleteRetirementPolicy(name: string): Promise<void>;
  /**
   * The scheduled policies due at `now` (schedule_hours elapsed since last_run_at, or since
   * creation when never run), each claimed by a compare-and-set of last_run_at to now: of two
   * replicas claiming at once, exactly one gets a given policy.
   */
  claimDueRetirementPolicies(now: number): Promise<RetirementPolicy[]>;
  /** Records that a person applied the policy at `at` (the next scheduled run counts from it). */
  recordRetirementRun(name: string, at: number): Promise<RetirementPolicy>;
  /**
   * Every version of one registered model (or of every model when modelName is undefined) with
   * its aliases, the deployments resolving to it now and its newest inference-log time.
   * An unknown modelName gives [].
   */
  retirementFacts(modelName?: string): Promise<RetirementModelFacts[]>;
}
