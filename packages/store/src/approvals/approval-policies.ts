import { notFound, validateModelName, type ApprovalPolicy, type SetApprovalPolicyInput } from "@cairn/core";
import { requireRegisteredModel } from "../registry/registry-rows.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { toApprovalPolicy } from "./approval-rows.js";
import { validatePolicy } from "./approval-validation.js";

/** Creates or replaces a model's policy; the model must exist. */
export async function setApprovalPolicy(ctx: StoreContext, input: SetApprovalPolicyInput): Promise<ApprovalPolicy> {
  const policy = validatePolicy(input);
  const { name } = input;
  return inTransaction(ctx, async (trx) => {
    await requireRegisteredModel(trx, name);
    const row = {
      name,
      aliases_json: JSON.stringify(policy.aliases),
      stages_json: JSON.stringify(policy.stages),
      four_eyes: policy.four_eyes ? 1 : 0,
      updated_by: input.updated_by,
      last_updated_timestamp: ctx.clock(),
    };
    await trx
      .insertInto("approval_policies")
      .values(row)
      .onConflict((oc) => oc.column("name").doUpdateSet({ aliases_json: row.aliases_json, stages_json: row.stages_json, four_eyes: row.four_eyes, updated_by: row.updated_by, last_updated_timestamp: row.last_updated_timestamp }))
      .execute();
    return toApprovalPolicy(row);
  });
}

/** The model's policy, or undefined when it has none or there is no such model; the name is not checked. */
export async function getApprovalPolicy(ctx: StoreContext, name: string): Promise<ApprovalPolicy | undefined> {
  return reading(ctx, async (db) => {
    const row = await db.selectFrom("approval_policies").selectAll().where("name", "=", String(name)).executeTakeFirst();
    return row ? toApprovalPolicy(row) : undefined;
  });
}

/** Removes a model's policy; pending requests stay and can still be decided. */
export async function deleteApprovalPolicy(ctx: StoreContext, name: string): Promise<void> {
  validateModelName(name);
  await inTransaction(ctx, async (trx) => {
    await requireRegisteredModel(trx, name);
    const deleted = await trx.deleteFrom("approval_policies").where("name", "=", name).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw notFound(`Registered model '${name}' has no approval policy; there is nothing to delete.`);
  });
}
