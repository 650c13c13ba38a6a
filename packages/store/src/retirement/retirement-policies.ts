import { CairnError, invalidParameter, isCairnError, notFound, validateModelName, validateRetirementPolicy, type CreateRetirementPolicyInput, type RetirementPolicy } from "@cairn/core";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { policyNotFound, requirePolicy, toRetirementPolicy, type RetirementPolicyRow } from "./retirement-rows.js";

const HOUR_MS = 3_600_000;

/** Stores a policy; a taken name is RESOURCE_ALREADY_EXISTS, an unknown model_name RESOURCE_DOES_NOT_EXIST. */
export async function createRetirementPolicy(ctx: StoreContext, input: CreateRetirementPolicyInput): Promise<RetirementPolicy> {
  const policy = validateRetirementPolicy(input);
  if (typeof input.created_by !== "string") throw invalidParameter("A retirement policy needs created_by: the name of who creates it.");
  const row: RetirementPolicyRow = {
    policy_id: ctx.newId(),
    name: policy.name,
    model_name: policy.model_name ?? null,
    rule: policy.rule,
    days: policy.days ?? null,
    keep: policy.keep ?? null,
    action: policy.action,
    schedule_hours: policy.schedule_hours ?? null,
    last_run_at: null,
    created_by: input.created_by,
    creation_timestamp: ctx.clock(),
  };
  try {
    await inTransaction(ctx, async (trx) => {
      const taken = await trx.selectFrom("retirement_policies").select("policy_id").where("name", "=", row.name).executeTakeFirst();
      if (taken) throw alreadyExists(row.name);
      if (row.model_name !== null) {
        const model = await trx.selectFrom("registered_models").select("name").where("name", "=", row.model_name).executeTakeFirst();
        if (!model) {
          throw notFound(`Registered model '${row.model_name}' does not exist; name an existing model in model_name, or leave it out for a policy over every model.`);
        }
      }
      await trx.insertInto("retirement_policies").values(row).execute();
    });
  } catch (error) {
    // A concurrent create of the same name loses on the unique key (READ COMMITTED lets both pass the check).
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS") throw alreadyExists(row.name, error);
    throw error;
  }
  return toRetirementPolicy(row);
}

function alreadyExists(name: string, cause?: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `Retirement policy '${name}' already exists. Choose another name, or delete that policy first (cairn policies delete ${name}).`,
    cause === undefined ? undefined : { cause },
  );
}

/** Reads one policy by name. */
export async function getRetirementPolicy(ctx: StoreContext, name: string): Promise<RetirementPolicy> {
  return reading(ctx, async (db) => toRetirementPolicy(await requirePolicy(db, name)));
}

/** Every policy (or those of exactly one model), ordered by name. */
export async function listRetirementPolicies(ctx: StoreContext, input: { model_name?: string } = {}): Promise<RetirementPolicy[]> {
  if (input.model_name !== undefined) validateModelName(input.model_name, "model_name");
  return reading(ctx, async (db) => {
    let query = db.selectFrom("retirement_policies").selectAll();
    if (input.model_name !== undefined) query = query.where("model_name", "=", input.model_name);
    const rows = await query.execute();
    // Sorted here: name is collated "C" on PostgreSQL but not on SQLite, and the lists are short.
    return rows.map(toRetirementPolicy).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  });
}

/** Deletes one policy. */
export async function deleteRetirementPolicy(ctx: StoreContext, name: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await requirePolicy(trx, name);
    await trx.deleteFrom("retirement_policies").where("policy_id", "=", row.policy_id).execute();
  });
}

/**
 * Claims the scheduled policies due at now. Each claim is an UPDATE conditioned on the
 * last_run_at this replica read: on PostgreSQL a second replica's UPDATE waits for the first
 * and then finds the condition false, so it claims nothing; SQLite has one writer.
 */
export async function claimDueRetirementPolicies(ctx: StoreContext, now: number): Promise<RetirementPolicy[]> {
  const scheduled = await reading(ctx, (db) => db.selectFrom("retirement_policies").selectAll().where("schedule_hours", "is not", null).execute());
  const due = scheduled.filter((row) => Number(row.last_run_at ?? row.creation_timestamp) + Number(row.schedule_hours) * HOUR_MS <= now);
  const claimed: RetirementPolicy[] = [];
  for (const row of due) {
    const won = await inTransaction(ctx, async (trx) => {
      let update = trx.updateTable("retirement_policies").set({ last_run_at: now }).where("policy_id", "=", row.policy_id);
      update = row.last_run_at === null ? update.where("last_run_at", "is", null) : update.where("last_run_at", "=", Number(row.last_run_at));
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
    if (won) claimed.push(toRetirementPolicy({ ...row, last_run_at: now }));
  }
  return claimed;
}

/** Sets last_run_at after a person applied the policy. */
export async function recordRetirementRun(ctx: StoreContext, name: string, at: number): Promise<RetirementPolicy> {
  return inTransaction(ctx, async (trx) => {
    const row = await requirePolicy(trx, name);
    const result = await trx.updateTable("retirement_policies").set({ last_run_at: at }).where("policy_id", "=", row.policy_id).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw policyNotFound(name);
    return toRetirementPolicy({ ...row, last_run_at: at });
  });
}
