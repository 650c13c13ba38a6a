import { posix } from "node:path";
import type { Kysely } from "kysely";
import { CairnError, MODEL_VERSIONS_TAG_KEY, PROMPT_TAG_KEY, invalidParameter, notFound, type CreateModelVersionInput } from "@cairn/core";
import type { Database } from "../schema.js";
import type { StoreContext } from "../tracking/context.js";

/** Where a new version's files are and which run made them, when the request does not say it all. */
export interface VersionOrigin {
  /** The download URI when it is not the source itself. */
  storageLocation: string | null;
  runId: string;
}

// A source URI naming a logged model (models:/m-<id>) or another registered version (models:/<name>/<n>).
const MODELS_SCHEME = "models:/";
const VERSION_REFERENCE = /^(.+)\/([1-9]\d*)$/;

/**
 * Refuses sources that climb out of a directory, as MLflow does: after URL-decoding, no '..'
 * segment and no NUL byte, so a version cannot hand out a path outside an artifact root.
 */
export function validateSource(source: string): void {
  if (source.trim() === "") throw invalidParameter("Missing value for required parameter 'source': give the URI of the model's files, e.g. runs:/<run_id>/model.");
  let decoded = source;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded.replaceAll("+", " "));
    } catch {
      next = decoded; // not percent-encoded text: checked as written
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (decoded.includes("\0") || decoded.split(/[/\\]/).some((part) => part === "..")) {
    throw invalidParameter(`Invalid model version source '${source.slice(0, 200)}': it must not contain '..' segments; give an absolute location.`);
  }
}

/**
 * Resolves the download location of a version registered from a logged model (model_id, or a
 * models:/m-<id> source: the logged model's artifact location) or from another registered
 * version (models:/<name>/<version>: that version's location). A run_id left out is taken
 * from the logged model's source run, as MLflow does.
 */
export async function resolveOrigin(db: Kysely<Database>, input: CreateModelVersionInput): Promise<VersionOrigin> {
  const runId = input.run_id ?? "";
  const loggedModelId = input.model_id || loggedModelIdIn(input.source);
  if (loggedModelId) {
    const model = await db
      .selectFrom("logged_models")
      .select(["artifact_location", "source_run_id"])
      .where("model_id", "=", loggedModelId)
      .where("lifecycle_stage", "=", "active")
      .executeTakeFirst();
    if (!model) throw notFound(`Logged model with ID '${loggedModelId}' not found; register a logged model that exists.`);
    if (isLocalUri(input.source)) requireInside(input.source, model.artifact_location, `logged model ${loggedModelId}`);
    return { storageLocation: model.artifact_location, runId: runId || model.source_run_id || "" };
  }
  // A prompt version's source is not a location (MLflow skips this check for prompts too).
  const isPrompt = input.tags?.some((t) => t.key === PROMPT_TAG_KEY && t.value === "true") ?? false;
  if (isLocalUri(input.source) && !isPrompt) {
    // MLflow's rule: a path on the server's disk is a source only inside the local artifact
    // directory of the run the request names; otherwise a version could hand out any file.
    const run = runId ? await db.selectFrom("runs").select("artifact_uri").where("run_uuid", "=", runId).executeTakeFirst() : undefined;
    requireInside(input.source, run?.artifact_uri, runId ? `run ${runId}` : undefined);
  }
  const reference = input.source.startsWith(MODELS_SCHEME) ? VERSION_REFERENCE.exec(input.source.slice(MODELS_SCHEME.length).replace(/^\/+/, "")) : null;
  if (reference) {
    const [, name, version] = reference as unknown as [string, string, string];
    const other = await db
      .selectFrom("model_versions")
      .select(["source", "storage_location"])
      .where("name", "=", name)
      .where("version", "=", Number(version))
      .executeTakeFirst();
    if (!other) throw notFound(`Model Version (name=${name}, version=${version}) not found; the source '${input.source}' must name a registered version.`);
    return { storageLocation: other.storage_location ?? other.source, runId };
  }
  return { storageLocation: null, runId };
}

/**
 * Appends {"name", "version"} to the logged model's mlflow.modelVersions tag (a JSON list), as
 * MLflow's server does when a version is created with a model_id.
 */
export async function recordRegistration(ctx: StoreContext, db: Kysely<Database>, modelId: string, name: string, version: number): Promise<void> {
  // Two models registering one logged model at once would otherwise both read the old list
  // and one append would be lost; on PostgreSQL they take turns on the logged model's row.
  if (ctx.d.name === "postgres") await db.selectFrom("logged_models").select("model_id").where("model_id", "=", modelId).forUpdate().execute();
  const existing = await db
    .selectFrom("logged_model_tags")
    .select("value")
    .where("model_id", "=", modelId)
    .where("key", "=", MODEL_VERSIONS_TAG_KEY)
    .executeTakeFirst();
  const entries = existing ? parseRegistrations(modelId, existing.value) : [];
  const entry = { name, version: String(version) };
  if (!entries.some((e) => e.name === entry.name && String(e.version) === entry.version)) entries.push(entry);
  const value = JSON.stringify(entries);
  await db
    .insertInto("logged_model_tags")
    .values({ model_id: modelId, key: MODEL_VERSIONS_TAG_KEY, value })
    .onConflict((oc) => oc.columns(["model_id", "key"]).doUpdateSet({ value }))
    .execute();
}

function parseRegistrations(modelId: string, value: string): { name: string; version: unknown }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw malformed(modelId, error);
  }
  if (!Array.isArray(parsed)) throw malformed(modelId);
  return parsed as { name: string; version: unknown }[];
}

function malformed(modelId: string, cause?: unknown): CairnError {
  return new CairnError(
    "INVALID_STATE",
    `Logged model '${modelId}' has a ${MODEL_VERSIONS_TAG_KEY} tag that is not a JSON list; fix or delete the tag, then register again.`,
    { cause },
  );
}

/** A local path or file: URI, i.e. no scheme (Windows drive letters included) or the file scheme. */
function isLocalUri(uri: string): boolean {
  return !/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(uri) || uri.startsWith("file:");
}

function localPath(uri: string): string {
  return posix.normalize(decodeURIComponent(uri.replace(/^file:(\/\/[^/]*)?/, "")));
}

function requireInside(source: string, root: string | undefined, owner: string | undefined): void {
  const inside = root !== undefined && isLocalUri(root) && (localPath(source) + "/").startsWith(localPath(root).replace(/\/?$/, "/"));
  if (!inside) {
    throw invalidParameter(
      `Invalid model version source '${source.slice(0, 200)}': a local path is accepted only inside the local artifact directory of ${owner ?? "the run given as run_id"}. ` +
        "Log the model as an artifact of its run and register runs:/<run_id>/<path> (or the logged model) instead.",
    );
  }
}

function loggedModelIdIn(source: string): string | undefined {
  if (!source.startsWith(MODELS_SCHEME)) return undefined;
  const rest = source.slice(MODELS_SCHEME.length).replace(/^\/+/, "");
  return /^m-[0-9a-f]{32}$/.test(rest) ? rest : undefined;
}
