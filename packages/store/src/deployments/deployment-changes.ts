import type { Kysely } from "kysely";
import {
  planAb,
  planCanary,
  planPromote,
  planRollback,
  planShadow,
  rollbackTarget,
  validateDeploymentName,
  type Deployment,
  type DeploymentSpec,
  type PlannedRevision,
  type PromoteInput,
  type RollbackInput,
  type SetAbInput,
  type SetCanaryInput,
  type SetShadowInput,
} from "@cairn/core";
import type { Database } from "../schema.js";
import { inTransaction, type StoreContext } from "../tracking/context.js";
import { lockDeployment, requireDeployment, requireModelUris, toDeployments, type DeploymentRow } from "./deployment-rows.js";

type Planner = (trx: Kysely<Database>, row: DeploymentRow, current: DeploymentSpec) => Promise<PlannedRevision> | PlannedRevision;

/**
 * The one write path of every action after create: lock the deployment, plan the next spec
 * from the current one (core's pure functions), check the URIs it names, then write the
 * revision and the new current spec, all in one transaction.
 */
async function applyAction(ctx: StoreContext, name: string, plan: Planner): Promise<Deployment> {
  validateDeploymentName(name);
  return inTransaction(ctx, async (trx) => {
    const row = await lockDeployment(ctx, trx, name);
    const next = await plan(trx, row, JSON.parse(row.spec) as DeploymentSpec);
    await requireModelUris(trx, next.check);
    const revision = Number(row.revision) + 1;
    const spec = JSON.stringify(next.spec);
    const now = ctx.clock();
    await trx.insertInto("deployment_revisions").values({ name, revision, action: next.action, spec, creation_timestamp: now }).execute();
    await trx.updateTable("deployments").set({ revision, spec, last_updated_timestamp: now }).where("name", "=", name).execute();
    return (await toDeployments(trx, [await requireDeployment(trx, name)]))[0]!;
  });
}

/** Starts or changes a canary. */
export function setDeploymentCanary(ctx: StoreContext, input: SetCanaryInput): Promise<Deployment> {
  return applyAction(ctx, input.name, (_trx, row, current) => planCanary(current, row.model_name, input));
}

/** Starts an A/B test over weighted variants. */
export function setDeploymentAb(ctx: StoreContext, input: SetAbInput): Promise<Deployment> {
  return applyAction(ctx, input.name, (_trx, row, current) => planAb(current, row.model_name, input));
}

/** Sets the shadow. */
export function setDeploymentShadow(ctx: StoreContext, input: SetShadowInput): Promise<Deployment> {
  return applyAction(ctx, input.name, (_trx, row, current) => planShadow(current, row.model_name, input));
}

/** Promotes the canary, the named variant or the shadow to primary. */
export function promoteDeployment(ctx: StoreContext, input: PromoteInput): Promise<Deployment> {
  return applyAction(ctx, input.name, (_trx, row, current) => planPromote(current, row.model_name, input, row.name));
}

/** Restores an earlier revision's spec as a new revision. */
export function rollbackDeployment(ctx: StoreContext, input: RollbackInput): Promise<Deployment> {
  return applyAction(ctx, input.name, async (trx, row) => {
    const target = rollbackTarget(Number(row.revision), input.revision, row.name);
    const past = await trx.selectFrom("deployment_revisions").select("spec").where("name", "=", row.name).where("revision", "=", target).executeTakeFirstOrThrow();
    return planRollback(JSON.parse(past.spec) as DeploymentSpec, row.model_name);
  });
}
