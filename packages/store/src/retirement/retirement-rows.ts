import type { Kysely, Selectable } from "kysely";
import { notFound, validateRetirementPolicyName, type RetirementPolicy } from "@cairn/core";
import type { Database, RetirementPoliciesTable } from "../schema.js";

/** A retirement_policies row as read back (bigints may arrive as strings on PostgreSQL). */
export type RetirementPolicyRow = Selectable<RetirementPoliciesTable>;

/** The message for an unknown policy. */
export function policyNotFound(name: string) {
  return notFound(`Retirement policy '${name}' does not exist. List policies with retirement-policies/list (cairn policies list).`);
}

/** Loads a policy row by name or throws RESOURCE_DOES_NOT_EXIST; the name is validated first. */
export async function requirePolicy(db: Kysely<Database>, name: string): Promise<RetirementPolicyRow> {
  validateRetirementPolicyName(name);
  const row = await db.selectFrom("retirement_policies").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) throw policyNotFound(name);
  return row;
}

/** A row as the API's policy; null columns are left out. */
export function toRetirementPolicy(row: RetirementPolicyRow): RetirementPolicy {
  const optional = (value: number | string | null) => (value === null ? undefined : Number(value));
  const days = optional(row.days);
  const keep = optional(row.keep);
  const schedule = optional(row.schedule_hours);
  const lastRun = optional(row.last_run_at);
  return {
    policy_id: row.policy_id,
    name: row.name,
    ...(row.model_name === null ? {} : { model_name: row.model_name }),
    rule: row.rule,
    ...(days === undefined ? {} : { days }),
    ...(keep === undefined ? {} : { keep }),
    action: row.action,
    ...(schedule === undefined ? {} : { schedule_hours: schedule }),
    ...(lastRun === undefined ? {} : { last_run_at: lastRun }),
    created_by: row.created_by,
    creation_timestamp: Number(row.creation_timestamp),
  };
}
