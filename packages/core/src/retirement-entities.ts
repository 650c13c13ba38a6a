/**
 * Retirement policies: rules that archive or delete registered model versions nobody uses any
 * more, run on demand (dry run first) or on a schedule. Versions with an alias, referenced by a
 * deployment, or in the Production or Staging stage are never touched.
 */
import { invalidParameter } from "./errors.js";
import type { ModelVersionStage } from "./registry-entities.js";
import { validateModelName } from "./registry-validation.js";

/** What selects versions: unused for a number of days, or beyond the newest N. */
export const RETIREMENT_RULES = ["unused_for_days", "keep_last"] as const;
/** One of RETIREMENT_RULES. */
export type RetirementRule = (typeof RETIREMENT_RULES)[number];

/** What happens to a selected version: moved to the Archived stage, or deleted. */
export const RETIREMENT_ACTIONS = ["archive", "delete"] as const;
/** One of RETIREMENT_ACTIONS. */
export type RetirementAction = (typeof RETIREMENT_ACTIONS)[number];

/** Stages whose versions a policy never retires. */
export const PROTECTED_STAGES: readonly ModelVersionStage[] = ["Production", "Staging"];

/** Bounds of a policy's numbers; a century of days and a year of hours are far beyond any real policy. */
export const RETIREMENT_LIMITS = { maxDays: 36_500, maxKeep: 10_000, maxScheduleHours: 8_760 } as const;

/** A stored retirement policy; model_name absent means every registered model (prompts excepted). */
export interface RetirementPolicy {
  policy_id: string;
  name: string;
  model_name?: string;
  rule: RetirementRule;
  /** For unused_for_days. */
  days?: number;
  /** For keep_last. */
  keep?: number;
  action: RetirementAction;
  /** Run in the background every this many hours; absent: only on demand. */
  schedule_hours?: number;
  /** When the policy was last applied (by a person or the scheduler). */
  last_run_at?: number;
  created_by: string;
  creation_timestamp: number;
}

/** What retirement-policies/create stores, validated by validateRetirementPolicy. */
export interface CreateRetirementPolicyInput {
  name: string;
  model_name?: string;
  rule: RetirementRule;
  days?: number;
  keep?: number;
  action: RetirementAction;
  schedule_hours?: number;
  created_by: string;
}

/** One version a policy run changes (or, in a dry run, would change), and why. */
export interface RetirementChange {
  name: string;
  version: string;
  action: RetirementAction;
  reason: string;
}

/** The answer of retirement-policies/run: the policy (last_run_at updated when applied) and its changes. */
export interface RetirementRunResult {
  policy: RetirementPolicy;
  dry_run: boolean;
  changes: RetirementChange[];
}

/** How one deployment uses a version: as its primary, canary, an A/B variant or its shadow. */
export interface RetirementDeploymentRef {
  deployment: string;
  role: "primary" | "canary" | "variant" | "shadow";
}

/** What a plan needs to know about one version. */
export interface RetirementVersionFacts {
  version: string;
  current_stage: ModelVersionStage;
  creation_timestamp: number;
  last_updated_timestamp: number;
  aliases: string[];
  /** Deployments whose routes resolve to this version now. */
  deployments: RetirementDeploymentRef[];
  /** The newest inference-log record of this version, when it has any. */
  last_served_ms?: number;
}

/** One registered model and its versions' facts, newest version first. */
export interface RetirementModelFacts {
  name: string;
  /** Prompts (mlflow.prompt.is_prompt) are left out of policies over every model. */
  is_prompt: boolean;
  versions: RetirementVersionFacts[];
}

// Policy names appear in URLs and CLI arguments: kept to the same URL-safe subset as deployments.
const POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Checks a policy name: 1 to 63 letters, digits, '_', '.' and '-', starting with a letter or digit. */
export function validateRetirementPolicyName(name: unknown, parameter = "name"): asserts name is string {
  if (typeof name !== "string" || name === "") {
    throw invalidParameter(`Missing value for required parameter '${parameter}': give the policy's name, e.g. 'archive-stale'.`);
  }
  if (!POLICY_NAME.test(name)) {
    throw invalidParameter(
      `Invalid retirement policy name '${name.slice(0, 80)}': a name is 1 to 63 characters, letters, digits, '_', '.' and '-', starting with a letter or digit, e.g. 'archive-stale'.`,
    );
  }
}

/** The fields of a create request before validation (the wire's loose strings and numbers). */
export interface RetirementPolicyFields {
  name: string;
  model_name?: string;
  rule: string;
  days?: number;
  keep?: number;
  action: string;
  schedule_hours?: number;
}

/**
 * Checks a policy's fields and returns them typed: unused_for_days needs `days` and no `keep`,
 * keep_last needs `keep` and no `days`; every number is a whole number within RETIREMENT_LIMITS.
 */
export function validateRetirementPolicy(input: RetirementPolicyFields): Omit<CreateRetirementPolicyInput, "created_by"> {
  validateRetirementPolicyName(input.name);
  if (input.model_name !== undefined) validateModelName(input.model_name, "model_name");
  const rule = RETIREMENT_RULES.find((r) => r === input.rule);
  if (!rule) throw invalidParameter(`Invalid value '${String(input.rule).slice(0, 40)}' for parameter 'rule': use ${RETIREMENT_RULES.join(" or ")}.`);
  const action = RETIREMENT_ACTIONS.find((a) => a === input.action);
  if (!action) throw invalidParameter(`Invalid value '${String(input.action).slice(0, 40)}' for parameter 'action': use ${RETIREMENT_ACTIONS.join(" or ")}.`);
  const [needed, other] = rule === "unused_for_days" ? (["days", "keep"] as const) : (["keep", "days"] as const);
  if (input[needed] === undefined) {
    const example = rule === "unused_for_days" ? "days: 90 retires versions unused for 90 days" : "keep: 5 keeps the newest 5 versions";
    throw invalidParameter(`Missing value for parameter '${needed}': rule ${rule} needs it (${example}).`);
  }
  if (input[other] !== undefined) throw invalidParameter(`Parameter '${other}' does not apply to rule ${rule}; leave it out, or use the other rule.`);
  const max = rule === "unused_for_days" ? RETIREMENT_LIMITS.maxDays : RETIREMENT_LIMITS.maxKeep;
  const amount = wholeNumber(input[needed], needed, 1, max);
  const schedule = input.schedule_hours === undefined ? undefined : wholeNumber(input.schedule_hours, "schedule_hours", 1, RETIREMENT_LIMITS.maxScheduleHours);
  return {
    name: input.name,
    ...(input.model_name === undefined ? {} : { model_name: input.model_name }),
    rule,
    ...(rule === "unused_for_days" ? { days: amount } : { keep: amount }),
    action,
    ...(schedule === undefined ? {} : { schedule_hours: schedule }),
  };
}

function wholeNumber(value: unknown, parameter: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`Invalid value ${JSON.stringify(value)} for parameter '${parameter}': it must be a whole number from ${min} to ${max}.`);
  }
  return value;
}
