import type { Kysely, Selectable } from "kysely";
import {
  notFound,
  parseDeploymentModelUri,
  specModelUris,
  validateDeploymentName,
  type Deployment,
  type DeploymentModelRef,
  type DeploymentSpec,
  type ResolvedVersion,
} from "@cairn/core";
import type { Database, DeploymentsTable } from "../schema.js";
import type { StoreContext } from "../tracking/context.js";

/** A deployments row as read back. */
export type DeploymentRow = Selectable<DeploymentsTable>;

/** The message for an unknown deployment. */
export function deploymentNotFound(name: string) {
  return notFound(`Deployment '${name}' does not exist. List deployments with deployments/search (cairn deploy list).`);
}

/** Loads a deployment row or throws RESOURCE_DOES_NOT_EXIST; the name is validated first. */
export async function requireDeployment(db: Kysely<Database>, name: string): Promise<DeploymentRow> {
  validateDeploymentName(name);
  const row = await db.selectFrom("deployments").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) throw deploymentNotFound(name);
  return row;
}

/**
 * Loads a deployment a transaction is about to change. On PostgreSQL the row stays locked until
 * commit, so concurrent actions on one deployment take revision numbers in turn; SQLite has a
 * single writer already.
 */
export async function lockDeployment(ctx: StoreContext, trx: Kysely<Database>, name: string): Promise<DeploymentRow> {
  validateDeploymentName(name);
  let query = trx.selectFrom("deployments").selectAll().where("name", "=", name);
  if (ctx.d.name === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw deploymentNotFound(name);
  return row;
}

/** The version each URI names now (null when its version or alias is gone), in two queries for any number of URIs. */
export async function resolveModelUris(db: Kysely<Database>, refs: readonly DeploymentModelRef[]): Promise<Map<string, ResolvedVersion>> {
  const resolved = new Map<string, ResolvedVersion>(refs.map((r) => [r.model_uri, null]));
  const versions = refs.filter((r) => r.kind === "version");
  const aliases = refs.filter((r) => r.kind === "alias");
  if (versions.length > 0) {
    const rows = await db
      .selectFrom("model_versions")
      .select(["name", "version"])
      .where("name", "in", [...new Set(versions.map((r) => r.model_name))])
      .where("version", "in", [...new Set(versions.map((r) => Number(r.version)))])
      .execute();
    const found = new Set(rows.map((r) => `models:/${r.name}/${Number(r.version)}`));
    for (const r of versions) if (found.has(r.model_uri)) resolved.set(r.model_uri, r.version);
  }
  if (aliases.length > 0) {
    const rows = await db
      .selectFrom("registered_model_aliases")
      .select(["name", "alias", "version"])
      .where("name", "in", [...new Set(aliases.map((r) => r.model_name))])
      .where("alias", "in", [...new Set(aliases.map((r) => r.alias))])
      .execute();
    for (const row of rows) {
      const uri = `models:/${row.name}@${row.alias}`;
      if (resolved.has(uri)) resolved.set(uri, String(Number(row.version)));
    }
  }
  return resolved;
}

/** Throws RESOURCE_DOES_NOT_EXIST naming the first reference the registry cannot resolve. */
export async function requireModelUris(db: Kysely<Database>, refs: readonly DeploymentModelRef[]): Promise<void> {
  const resolved = await resolveModelUris(db, refs);
  const missing = refs.find((r) => resolved.get(r.model_uri) === null);
  if (!missing) return;
  const model = await db.selectFrom("registered_models").select("name").where("name", "=", missing.model_name).executeTakeFirst();
  if (!model) throw notFound(`Registered model '${missing.model_name}' (in ${missing.model_uri}) does not exist; register the model first.`);
  if (missing.kind === "version") {
    throw notFound(`Model version ${missing.model_uri} does not exist: registered model '${missing.model_name}' has no version ${missing.version}.`);
  }
  throw notFound(
    `Registered model '${missing.model_name}' has no alias '${missing.alias}' (${missing.model_uri}); set it with registered-models/alias first, or name a version.`,
  );
}

/** The references of every route of a spec. */
export function specRefs(spec: DeploymentSpec, modelName: string): DeploymentModelRef[] {
  return specModelUris(spec).map((uri) => parseDeploymentModelUri(uri, modelName));
}

/** Builds the API's deployments from rows, every URI resolved to the version it names now. */
export async function toDeployments(db: Kysely<Database>, rows: readonly DeploymentRow[]): Promise<Deployment[]> {
  const specs = rows.map((r) => JSON.parse(r.spec) as DeploymentSpec);
  const resolved = await resolveModelUris(db, rows.flatMap((r, i) => specRefs(specs[i]!, r.model_name)));
  const v = (uri: string): ResolvedVersion => resolved.get(uri) ?? null;
  return rows.map((r, i) => {
    const spec = specs[i]!;
    return {
      name: r.name,
      model_name: r.model_name,
      ...(r.description ? { description: r.description } : {}),
      revision: Number(r.revision),
      creation_timestamp: Number(r.creation_timestamp),
      last_updated_timestamp: Number(r.last_updated_timestamp),
      primary: { model_uri: spec.primary.model_uri, version: v(spec.primary.model_uri) },
      ...(spec.canary ? { canary: { model_uri: spec.canary.model_uri, version: v(spec.canary.model_uri), percent: spec.canary.percent } } : {}),
      ...(spec.variants ? { variants: spec.variants.map((x) => ({ model_uri: x.model_uri, version: v(x.model_uri), weight: x.weight })) } : {}),
      ...(spec.sticky_key === undefined ? {} : { sticky_key: spec.sticky_key }),
      ...(spec.shadow ? { shadow: { model_uri: spec.shadow.model_uri, version: v(spec.shadow.model_uri), percent: spec.shadow.percent } } : {}),
    };
  });
}
