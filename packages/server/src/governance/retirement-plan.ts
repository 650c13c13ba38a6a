import {
  CairnError,
  PROTECTED_STAGES,
  type RetirementChange,
  type RetirementModelFacts,
  type RetirementPolicy,
  type RetirementVersionFacts,
} from "@cairn/core";

const DAY_MS = 86_400_000;

/** What of a policy a plan reads. */
export type PlannedPolicy = Pick<RetirementPolicy, "rule" | "days" | "keep" | "action" | "model_name">;

/**
 * Why a version may not be retired, or undefined when it may: it has an alias, a deployment
 * routes to it (primary, canary, A/B variant or shadow), or it is in Production or Staging.
 */
export function protectionOf(version: RetirementVersionFacts): string | undefined {
  if (version.aliases.length > 0) return `aliased (${version.aliases.join(", ")})`;
  if (version.deployments.length > 0) return `deployed (${version.deployments.map((d) => `${d.deployment} ${d.role}`).join(", ")})`;
  if (PROTECTED_STAGES.includes(version.current_stage)) return `in ${version.current_stage}`;
  return undefined;
}

/** The last time a version was touched or served: its last update (stage moves included) or its newest inference. */
export function lastUsedAt(version: RetirementVersionFacts): number {
  return Math.max(version.creation_timestamp, version.last_updated_timestamp, version.last_served_ms ?? 0);
}

/**
 * The changes a policy makes at `now`, ordered by model and version: for unused_for_days the
 * versions whose last use is at least `days` days old, for keep_last those beyond the newest
 * `keep` by version number (protected versions count among the newest but are never changed).
 * Protected versions are left out, and so are versions already Archived when the action is
 * archive. Policies over every model skip prompts.
 */
export function planRetirement(policy: PlannedPolicy, models: readonly RetirementModelFacts[], now: number): RetirementChange[] {
  const changes: RetirementChange[] = [];
  for (const model of models) {
    if (policy.model_name === undefined && model.is_prompt) continue;
    if (policy.model_name !== undefined && model.name !== policy.model_name) continue;
    const newestFirst = [...model.versions].sort((a, b) => Number(b.version) - Number(a.version));
    const picked: { version: RetirementVersionFacts; reason: string }[] = [];
    if (policy.rule === "keep_last") {
      const keep = requireNumber(policy.keep, "keep");
      for (const version of newestFirst.slice(keep)) picked.push({ version, reason: `beyond the newest ${keep} ${keep === 1 ? "version" : "versions"}` });
    } else {
      const days = requireNumber(policy.days, "days");
      for (const version of newestFirst) {
        const idle = now - lastUsedAt(version);
        if (idle < days * DAY_MS) continue;
        const whole = Math.floor(idle / DAY_MS);
        picked.push({ version, reason: `not aliased, deployed or served for ${whole} ${whole === 1 ? "day" : "days"}` });
      }
    }
    for (const { version, reason } of picked.reverse()) {
      if (protectionOf(version) !== undefined) continue;
      if (policy.action === "archive" && version.current_stage === "Archived") continue;
      changes.push({ name: model.name, version: version.version, action: policy.action, reason });
    }
  }
  return changes;
}

function requireNumber(value: number | undefined, field: string): number {
  // The store validates policies on the way in, so only a hand-edited row lacks its number.
  if (value === undefined || !Number.isInteger(value) || value < 1) {
    throw new CairnError("INVALID_STATE", `This retirement policy has no valid '${field}'; delete it and create it again (cairn policies delete / create).`);
  }
  return value;
}
