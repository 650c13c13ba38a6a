import { sql } from "kysely";
import {
  DEPLOYMENT_LIMITS,
  DEPLOYMENT_SEARCH,
  CairnError,
  decodePageToken,
  encodePageToken,
  invalidParameter,
  isCairnError,
  nextOffsetToken,
  offsetFromToken,
  parseFilter,
  planCreate,
  validateDeploymentDescription,
  validateDeploymentName,
  type CreateDeploymentInput,
  type Deployment,
  type DeploymentAction,
  type DeploymentHistoryInput,
  type DeploymentRevision,
  type DeploymentSpec,
  type SearchDeploymentsInput,
} from "@cairn/core";
import { readableBy } from "../auth/read-scope.js";
import { deleteGrantsOn } from "../auth/resource-grants.js";
import type { Sql } from "../dialects/dialect.js";
import { inTransaction, reading, type StoreContext } from "../tracking/context.js";
import { compileFilter, type FilterColumns } from "../tracking/filter-sql.js";
import { requireDeployment, requireModelUris, toDeployments } from "./deployment-rows.js";

/** Creates a deployment at revision 1, all traffic to model_uri, which must resolve now. */
export async function createDeployment(ctx: StoreContext, input: CreateDeploymentInput): Promise<Deployment> {
  validateDeploymentName(input.name);
  const description = validateDeploymentDescription(input.description);
  const plan = planCreate(input);
  const now = ctx.clock();
  try {
    return await inTransaction(ctx, async (trx) => {
      const taken = await trx.selectFrom("deployments").select("name").where("name", "=", input.name).executeTakeFirst();
      if (taken) throw alreadyExists(input.name);
      await requireModelUris(trx, plan.check);
      const spec = JSON.stringify(plan.spec);
      await trx
        .insertInto("deployments")
        .values({ name: input.name, model_name: plan.model_name, description: description ?? "", revision: 1, spec, creation_timestamp: now, last_updated_timestamp: now })
        .execute();
      await trx.insertInto("deployment_revisions").values({ name: input.name, revision: 1, action: plan.action, spec, creation_timestamp: now }).execute();
      return (await toDeployments(trx, [await requireDeployment(trx, input.name)]))[0]!;
    });
  } catch (error) {
    // A concurrent create of the same name loses on the primary key (PostgreSQL's READ COMMITTED lets both pass the check).
    if (isCairnError(error) && error.code === "RESOURCE_ALREADY_EXISTS") throw alreadyExists(input.name, error);
    throw error;
  }
}

function alreadyExists(name: string, cause?: unknown): CairnError {
  return new CairnError(
    "RESOURCE_ALREADY_EXISTS",
    `Deployment '${name}' already exists. Choose another name, or change its traffic with deployments/canary, ab, shadow, promote or rollback.`,
    cause === undefined ? undefined : { cause },
  );
}

/** Reads one deployment with its URIs resolved now. */
export async function getDeployment(ctx: StoreContext, name: string): Promise<Deployment> {
  return reading(ctx, async (db) => (await toDeployments(db, [await requireDeployment(db, name)]))[0]!);
}

/** Deployments matching a filter on name, model_name and timestamps, ordered by name, in offset pages. */
export async function searchDeployments(ctx: StoreContext, input: SearchDeploymentsInput): Promise<{ deployments: Deployment[]; next_page_token?: string }> {
  const filter = parseFilter(input.filter, DEPLOYMENT_SEARCH);
  const max = input.max_results ?? DEPLOYMENT_LIMITS.searchDefault;
  if (!Number.isSafeInteger(max) || max < 1 || max > DEPLOYMENT_LIMITS.searchMax) {
    throw invalidParameter(`Invalid value ${max} for parameter 'max_results': it must be an integer from 1 to ${DEPLOYMENT_LIMITS.searchMax}.`);
  }
  const offset = offsetFromToken(input.page_token);
  return reading(ctx, async (db) => {
    let query = db.selectFrom("deployments as dp").selectAll("dp");
    if (filter) query = query.where(compileFilter(ctx.d, filter, deploymentColumns("dp")));
    if (input.readable_by) query = query.where(readableBy(input.readable_by, "deployment", sql.ref("dp.name")));
    const rows = await query
      .orderBy(sql`${ctx.d.orderText(sql.ref("dp.name"))} asc`)
      .limit(max + 1)
      .offset(offset)
      .execute();
    const token = nextOffsetToken(rows.length, offset, max);
    return { deployments: await toDeployments(db, rows.slice(0, max)), ...(token ? { next_page_token: token } : {}) };
  });
}

function deploymentColumns(alias: string): FilterColumns {
  const attributes: Record<string, Sql> = Object.fromEntries(
    ["name", "model_name", "creation_timestamp", "last_updated_timestamp"].map((c) => [c, sql.ref(`${alias}.${c}`)]),
  );
  return {
    attribute: (key) => {
      const column = attributes[key];
      if (!column) throw invalidParameter(`Invalid deployment attribute '${key}'. Valid attributes are ${Object.keys(attributes).join(", ")}.`);
      return column;
    },
    numericAttributes: new Set(["creation_timestamp", "last_updated_timestamp"]),
    keyed: (entity) => {
      throw invalidParameter(`Deployments cannot be filtered by ${entity}s; use name, model_name, creation_timestamp or last_updated_timestamp.`);
    },
  };
}

/** Deletes a deployment and its history. */
export async function deleteDeployment(ctx: StoreContext, name: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await requireDeployment(trx, name);
    await trx.deleteFrom("deployment_revisions").where("name", "=", name).execute();
    await trx.deleteFrom("deployments").where("name", "=", name).execute();
    await deleteGrantsOn(trx, "deployment", name);
  });
}

const isHistoryCursor = (c: Record<string, unknown>): c is { below: number } => Number.isSafeInteger(c.below) && (c.below as number) > 0;

/** One page of a deployment's revisions, newest first; the token holds the last revision shown, so new revisions do not shift pages. */
export async function getDeploymentHistory(ctx: StoreContext, input: DeploymentHistoryInput): Promise<{ revisions: DeploymentRevision[]; next_page_token?: string }> {
  const max = input.max_results ?? DEPLOYMENT_LIMITS.historyDefault;
  if (!Number.isSafeInteger(max) || max < 1 || max > DEPLOYMENT_LIMITS.historyMax) {
    throw invalidParameter(`Invalid value ${max} for parameter 'max_results': it must be an integer from 1 to ${DEPLOYMENT_LIMITS.historyMax}.`);
  }
  const below = input.page_token ? decodePageToken(input.page_token, isHistoryCursor).below : undefined;
  return reading(ctx, async (db) => {
    await requireDeployment(db, input.name);
    let query = db.selectFrom("deployment_revisions").selectAll().where("name", "=", input.name);
    if (below !== undefined) query = query.where("revision", "<", below);
    const rows = await query.orderBy("revision", "desc").limit(max + 1).execute();
    const page = rows.slice(0, max);
    const revisions = page.map((r) => ({
      revision: Number(r.revision),
      action: r.action as DeploymentAction,
      spec: JSON.parse(r.spec) as DeploymentSpec,
      creation_timestamp: Number(r.creation_timestamp),
    }));
    const last = revisions.at(-1);
    return { revisions, ...(rows.length > max && last ? { next_page_token: encodePageToken({ below: last.revision }) } : {}) };
  });
}
