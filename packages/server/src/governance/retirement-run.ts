import { PROTECTED_STAGES, isCairnError, type RegistryStore, type RetirementChange, type RetirementPolicy, type RetirementStore } from "@cairn/core";
import { planRetirement } from "./retirement-plan.js";

/** What running a policy needs: its facts and the registry that makes the changes. */
export type RetirementRunStore = RetirementStore & RegistryStore;

/**
 * Plans a policy over fresh facts and, unless dryRun, applies the plan through the registry
 * store (archive = transition to Archived, delete = delete the version), so webhooks and every
 * other effect of those calls happen as usual. Each change first re-reads its version: one that
 * gained an alias or a protected stage since the plan was read, or is gone, is left out. Returns
 * the changes planned (dry run) or made.
 */
export async function runRetirementPolicy(store: RetirementRunStore, policy: RetirementPolicy, options: { dryRun: boolean; now: number }): Promise<RetirementChange[]> {
  const planned = planRetirement(policy, await store.retirementFacts(policy.model_name), options.now);
  if (options.dryRun) return planned;
  const made: RetirementChange[] = [];
  for (const change of planned) {
    if (!(await stillRetirable(store, change))) continue;
    if (change.action === "archive") await store.transitionModelVersionStage({ name: change.name, version: change.version, stage: "Archived" });
    else await store.deleteModelVersion(change.name, change.version);
    made.push(change);
  }
  return made;
}

async function stillRetirable(store: RegistryStore, change: RetirementChange): Promise<boolean> {
  try {
    const current = await store.getModelVersion(change.name, change.version);
    if ((current.aliases?.length ?? 0) > 0 || PROTECTED_STAGES.includes(current.current_stage)) return false;
    return !(change.action === "archive" && current.current_stage === "Archived");
  } catch (error) {
    // Deleted by someone else since the plan was read: nothing left to retire.
    if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") return false;
    throw error;
  }
}
