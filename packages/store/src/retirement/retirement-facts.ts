import { sql } from "kysely";
import { PROMPT_TAG_KEY, type ModelVersionStage, type RetirementDeploymentRef, type RetirementModelFacts, type RetirementVersionFacts } from "@cairn/core";
import { toDeployments } from "../deployments/deployment-rows.js";
import { reading, type StoreContext } from "../tracking/context.js";

/**
 * Every version of one model (or of all models) with what protects it or shows it in use: its
 * aliases, the deployments resolving to it now, and its newest inference-log record (one index
 * seek per version on inference_logs_version_time). The reads are not one
 * snapshot: a plan is applied change by change, and each change re-checks its version first.
 */
export async function retirementFacts(ctx: StoreContext, modelName?: string): Promise<RetirementModelFacts[]> {
  return reading(ctx, async (db) => {
    let models = db.selectFrom("registered_models").select("name");
    let prompts = db.selectFrom("registered_model_tags").select("name").where("key", "=", PROMPT_TAG_KEY).where("value", "=", "true");
    let versions = db
      .selectFrom("model_versions as mv")
      .select(["mv.name", "mv.version", "mv.current_stage", "mv.creation_timestamp", "mv.last_updated_timestamp"])
      .select(
        sql<number | string | null>`(select max(il.timestamp_ms) from inference_logs il where il.model_name = mv.name and il.model_version = cast(mv.version as text))`.as(
          "last_served_ms",
        ),
      );
    let aliases = db.selectFrom("registered_model_aliases").select(["name", "alias", "version"]);
    let deployments = db.selectFrom("deployments").selectAll();
    if (modelName !== undefined) {
      models = models.where("name", "=", modelName);
      prompts = prompts.where("name", "=", modelName);
      versions = versions.where("mv.name", "=", modelName);
      aliases = aliases.where("name", "=", modelName);
      deployments = deployments.where("model_name", "=", modelName);
    }
    const modelRows = await models.execute();
    const promptRows = await prompts.execute();
    const versionRows = await versions.execute();
    const aliasRows = await aliases.execute();
    const deploymentRows = await deployments.execute();

    const key = (name: string, version: number | string) => `${name}\u0000${Number(version)}`;
    const aliasesOf = new Map<string, string[]>();
    for (const a of aliasRows) push(aliasesOf, key(a.name, a.version), a.alias);
    const deploymentsOf = new Map<string, RetirementDeploymentRef[]>();
    for (const d of await toDeployments(db, deploymentRows)) {
      const refs: (readonly [RetirementDeploymentRef["role"], string | null])[] = [
        ["primary", d.primary.version],
        ...(d.canary ? [["canary", d.canary.version] as const] : []),
        ...(d.variants ?? []).map((v) => ["variant", v.version] as const),
        ...(d.shadow ? [["shadow", d.shadow.version] as const] : []),
      ];
      const seen = new Set<string>();
      for (const [role, version] of refs) {
        if (version === null || seen.has(`${role}:${version}`)) continue;
        seen.add(`${role}:${version}`);
        push(deploymentsOf, key(d.model_name, version), { deployment: d.name, role });
      }
    }

    const byModel = new Map<string, RetirementVersionFacts[]>(modelRows.map((m) => [m.name, []]));
    for (const v of versionRows) {
      const k = key(v.name, v.version);
      const served = v.last_served_ms === null ? undefined : Number(v.last_served_ms);
      byModel.get(v.name)?.push({
        version: String(Number(v.version)),
        current_stage: v.current_stage as ModelVersionStage,
        creation_timestamp: Number(v.creation_timestamp),
        last_updated_timestamp: Number(v.last_updated_timestamp),
        aliases: (aliasesOf.get(k) ?? []).sort(),
        deployments: deploymentsOf.get(k) ?? [],
        ...(served === undefined ? {} : { last_served_ms: served }),
      });
    }
    const promptNames = new Set(promptRows.map((p) => p.name));
    return [...byModel.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, list]) => ({ name, is_prompt: promptNames.has(name), versions: list.sort((a, b) => Number(b.version) - Number(a.version)) }));
  });
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
