import type { CairnStore } from "@cairn/core";
import { followed, type AccessTarget } from "./access-target.js";
import { describeResource } from "./denials.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";
const LOGGED_MODEL_SOURCE = /^models:\/+(m-[0-9a-f]{32})$/;
const RUN_SOURCE = /^runs:\/+([^/]+)/;

/**
 * READ on what a request points at besides the resource it acts on, so that no level on one
 * resource opens another: the registered models a deployment would serve, what a monitor
 * watches, the run, logged model or version a new model version is registered from, and the
 * logged models a run records as inputs or outputs.
 */
export async function referenceTargets(route: string, input: Record<string, unknown>, store: CairnStore): Promise<AccessTarget[]> {
  if (route.startsWith(`${CAIRN}/deployments/`)) {
    const uris = [input.model_uri, ...(Array.isArray(input.variants) ? input.variants.map((v: { model_uri?: unknown }) => v?.model_uri) : [])];
    return uris.flatMap((uri) => modelOfUri(uri));
  }
  if (route === `${CAIRN}/monitors/create`) {
    return [
      ...(typeof input.model_name === "string" && input.model_name !== "" ? [readOn("registered_model", input.model_name)] : []),
      ...(typeof input.deployment === "string" && input.deployment !== "" ? [readOn("deployment", input.deployment)] : []),
    ];
  }
  if (route === `${MLFLOW}/model-versions/create`) {
    const targets: AccessTarget[] = [];
    const source = typeof input.source === "string" ? input.source : "";
    const runId = (typeof input.run_id === "string" && input.run_id) || RUN_SOURCE.exec(source)?.[1];
    if (runId) targets.push(await followed(store, "run", runId, "READ"));
    const modelId = (typeof input.model_id === "string" && input.model_id) || LOGGED_MODEL_SOURCE.exec(source)?.[1];
    if (modelId) targets.push(await followed(store, "logged_model", modelId, "READ"));
    else targets.push(...modelOfUri(source));
    return targets;
  }
  if (route === `${MLFLOW}/runs/log-inputs` || route === `${MLFLOW}/runs/outputs`) {
    const models = Array.isArray(input.models) ? (input.models as { model_id?: unknown }[]) : [];
    const ids = [...new Set(models.map((m) => m?.model_id).filter((id): id is string => typeof id === "string" && id !== ""))];
    return Promise.all(ids.map((id) => followed(store, "logged_model", id, "READ")));
  }
  return [];
}

function readOn(type: "registered_model" | "deployment", id: string): AccessTarget {
  return { type, id, asked: describeResource(type, id), need: "READ" };
}

/** READ on the registered model a models:/ URI names; nothing for other URIs (and for malformed ones, which the handler refuses with the reason). */
function modelOfUri(uri: unknown): AccessTarget[] {
  if (typeof uri !== "string" || !uri.startsWith("models:/") || LOGGED_MODEL_SOURCE.test(uri)) return [];
  const name = modelNameIn(uri);
  return name === undefined ? [] : [readOn("registered_model", name)];
}

/**
 * The model name in models:/<name>/<suffix> or models:/<name>@<alias>, taken as parseModelUri
 * takes it (the part before the last '/', else before the last '@'). A URI that parseModelUri
 * would refuse still yields its name here, so it is checked all the same; the handler then refuses it.
 */
export function modelNameIn(uri: string): string | undefined {
  const path = uri.slice("models:/".length).replace(/^\/+/, "").replace(/\/+$/, "");
  const slash = path.lastIndexOf("/");
  const name = slash >= 0 ? path.slice(0, slash) : path.slice(0, Math.max(path.lastIndexOf("@"), 0));
  return name === "" ? undefined : name;
}
