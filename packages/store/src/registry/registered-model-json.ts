import { sql, type Kysely } from "kysely";
import { MODEL_VERSION_STAGES, type KeyValue, type ModelVersionStage, type RegisteredModel, type RegisteredModelAlias } from "@cairn/core";
import type { Database, RegisteredModelRow } from "../schema.js";
import { toModelVersion } from "./version-documents.js";

/**
 * Registered models as MLflow answers them, for one model or a page: tags, aliases and the
 * newest version of each stage come from three queries for the whole page, never one per model.
 */
export async function toRegisteredModels(db: Kysely<Database>, rows: readonly RegisteredModelRow[]): Promise<RegisteredModel[]> {
  if (rows.length === 0) return [];
  const names = rows.map((r) => r.name);
  const [tags, aliases, latest] = await Promise.all([
    db.selectFrom("registered_model_tags").select(["name", "key", "value"]).where("name", "in", names).orderBy("name").orderBy("key").execute(),
    db.selectFrom("registered_model_aliases").select(["name", "alias", "version"]).where("name", "in", names).orderBy("name").orderBy("alias").execute(),
    latestVersionDocuments(db, names),
  ]);
  const tagsOf = group(tags, (t): KeyValue => ({ key: t.key, value: t.value }));
  const aliasesOf = group(aliases, (a): RegisteredModelAlias => ({ alias: a.alias, version: String(a.version) }));
  const latestOf = group(latest, (v) => toModelVersion(v.document));
  return rows.map((r) => {
    const model: RegisteredModel = {
      name: r.name,
      creation_timestamp: Number(r.creation_timestamp),
      last_updated_timestamp: Number(r.last_updated_timestamp),
    };
    if (r.description) model.description = r.description;
    const versions = latestOf.get(r.name);
    if (versions) model.latest_versions = versions;
    const modelTags = tagsOf.get(r.name);
    if (modelTags) model.tags = modelTags;
    const modelAliases = aliasesOf.get(r.name);
    if (modelAliases) model.aliases = modelAliases;
    return model;
  });
}

/**
 * The newest version in each stage of these models (every stage, or only the given ones),
 * ordered by model name, then version. The per-stage maxima come from the (name,
 * current_stage, version) index alone; the documents are primary-key probes rather than a
 * join, which PostgreSQL would answer by hashing every version of every model.
 */
export async function latestVersionDocuments(
  db: Kysely<Database>,
  names: readonly string[],
  stages: readonly ModelVersionStage[] = MODEL_VERSION_STAGES,
): Promise<{ name: string; version: number; document: string }[]> {
  if (names.length === 0 || stages.length === 0) return [];
  const result = await sql<{ name: string; version: number; document: string }>`
    select m.name, m.version, (select v.document from model_versions v where v.name = m.name and v.version = m.version) as document
    from (select name, max(version) as version from model_versions
          where name in (${sql.join(names.map((n) => sql`${n}`))}) and current_stage in (${sql.join(stages.map((s) => sql`${s}`))})
          group by name, current_stage) m
    order by m.name, m.version`.execute(db);
  return result.rows.map((r) => ({ ...r, version: Number(r.version) }));
}

function group<R extends { name: string }, T>(rows: readonly R[], map: (row: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.name);
    if (list) list.push(map(row));
    else out.set(row.name, [map(row)]);
  }
  return out;
}
