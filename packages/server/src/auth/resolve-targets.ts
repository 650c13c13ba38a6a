import type { FastifyRequest } from "fastify";
import { invalidParameter, isCairnError, resolveArtifactPath, type CairnStore, type GovernedResource, type PermissionLevel } from "@cairn/core";
import type { Permission } from "../route.js";
import { followed, levelOf, type AccessTarget } from "./access-target.js";
import { describeResource } from "./denials.js";
import { referenceTargets } from "./reference-targets.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";
const ARTIFACTS = "/api/2.0/mlflow-artifacts/";
const EXPERIMENT_ID = /^(0|[1-9]\d{0,18})$/;
// Changes that may name no governed resource: creations (the creator gets MANAGE; what they refer to
// is checked as a reference) and batches whose records each name one (an empty batch writes nothing).
const NAMES_NONE = new Set([`${CAIRN}/deployments/create`, `${CAIRN}/monitors/create`, `${CAIRN}/inference-logs`, `${CAIRN}/inference-logs/labels`]);
const IDENTIFIER: Record<Exclude<Permission["resource"], "server">, string> = {
  experiment: "experiment_id",
  run: "run_id",
  logged_model: "model id",
  registered_model: "name",
  deployment: "name",
  monitor: "name",
};

/** The request's validated input: the query on GET, the JSON body otherwise, with the path parameters. */
export function inputOf(request: FastifyRequest): Record<string, unknown> {
  const source = request.method === "GET" || request.method === "HEAD" ? request.query : request.body;
  const input = source !== null && typeof source === "object" ? (source as Record<string, unknown>) : {};
  const params = request.params !== null && typeof request.params === "object" ? (request.params as Record<string, unknown>) : {};
  return { ...input, ...params };
}

/**
 * Every resource a request needs a level on: the one its route's permission governs (found from
 * the input: experiment_id, run_id, a logged model id, name, an artifact path, inference records'
 * deployments...), plus READ on whatever else it refers to (the model a deployment serves, the run
 * a model version comes from). Searches and lists name no resource and get none: their handlers
 * filter with readScope.
 */
export async function resolveTargets(request: FastifyRequest, permission: Permission, store: CairnStore): Promise<AccessTarget[]> {
  const route = request.routeOptions.url ?? "";
  const input = inputOf(request);
  const need = levelOf(permission);
  const primary = await primaryTargets(route, permission, need, input, store);
  // A change to a governed resource that names none is refused here rather than left to the handler.
  if (primary.length === 0 && permission.resource !== "server" && permission.level !== "read" && !NAMES_NONE.has(route)) {
    throw invalidParameter(`This request names no ${permission.resource.replace("_", " ")} to act on: give its ${IDENTIFIER[permission.resource]}. See the API docs (/api/openapi.json) for this endpoint's parameters.`);
  }
  return [...primary, ...(await referenceTargets(route, input, store))];
}

async function primaryTargets(route: string, permission: Permission, need: PermissionLevel, input: Record<string, unknown>, store: CairnStore): Promise<AccessTarget[]> {
  switch (permission.resource) {
    case "server":
      return [];
    case "experiment":
      return experimentTargets(route, permission, need, input, store);
    case "run":
      return Promise.all(idsOf(input, ["run_id", "run_uuid"], "run_ids").map((id) => followed(store, "run", id, need)));
    case "logged_model":
      return Promise.all(idsOf(input, ["model_id"]).map((id) => followed(store, "logged_model", id, need)));
    case "registered_model": {
      const name = firstString(input, ["name", "registered_model_name", "model_name"]);
      const requestId = firstString(input, ["request_id"]);
      if (name === undefined && requestId !== undefined && route.startsWith(`${CAIRN}/approvals/`)) return [await approvalTarget(store, requestId, need)];
      return named("registered_model", name, need);
    }
    case "deployment":
      return deploymentTargets(route, need, input, store);
    case "monitor":
      // Creating a monitor needs no level on the monitor that does not exist yet (its creator gets MANAGE): only READ on what it watches.
      return route === `${CAIRN}/monitors/create` ? [] : named("monitor", firstString(input, ["name"]), need);
  }
}

async function experimentTargets(route: string, permission: Permission, need: PermissionLevel, input: Record<string, unknown>, store: CairnStore): Promise<AccessTarget[]> {
  if (route.startsWith(ARTIFACTS)) {
    const path = resolveArtifactPath(String(input["*"] ?? input.path ?? ""));
    const first = path.split("/")[0] ?? "";
    // <experiment id>/<run id>/artifacts/... and <experiment id>/models/<model id>/artifacts/...
    if (EXPERIMENT_ID.test(first)) return [{ type: "experiment", id: first, asked: `experiment '${first}'`, need }];
    // Outside every experiment's root: only the default permission (or an admin) allows it.
    return [{ type: "experiment", asked: `artifact path '${path}'`, need }];
  }
  const id = firstString(input, ["experiment_id"]) ?? (route === `${MLFLOW}/runs/create` ? "0" : undefined);
  if (id !== undefined) return [{ type: "experiment", id, asked: describeResource("experiment", id), need }];
  const name = firstString(input, ["experiment_name"]);
  if (name !== undefined) return [await experimentByName(store, name, need)];
  // Searches drop the experiments the caller may not read in their handlers; anything else must be allowed on each.
  if (permission.level !== "read") return idsOf(input, [], "experiment_ids").map((e) => ({ type: "experiment", id: e, asked: describeResource("experiment", e), need }));
  return [];
}

async function deploymentTargets(route: string, need: PermissionLevel, input: Record<string, unknown>, store: CairnStore): Promise<AccessTarget[]> {
  if (route === `${CAIRN}/deployments/create`) return []; // nothing to hold a level on yet; READ on the served model is checked as a reference
  if (route === `${CAIRN}/inference-logs`) {
    const records = Array.isArray(input.records) ? (input.records as { deployment?: unknown; model_name?: unknown }[]) : [];
    return dedupe(records.map((r) => recordTarget(r, need)));
  }
  if (route === `${CAIRN}/inference-logs/labels` || route === `${CAIRN}/inference-logs/get`) {
    const ids = route.endsWith("/get") ? idsOf(input, ["request_id"]) : ((Array.isArray(input.labels) ? input.labels : []) as { request_id?: unknown }[]).map((l) => String(l.request_id));
    const targets: AccessTarget[] = [];
    for (const requestId of new Set(ids)) {
      const { records } = await store.getInferenceLogs(requestId);
      // Refusals name the request id the caller sent, never the deployment behind it.
      targets.push(...records.map((r) => ({ ...recordTarget(r, need), asked: `inference request '${requestId}'` })));
      // An unknown id asked for by get is refused like an unreadable one. Labels for unknown ids write
      // nothing and are reported back (sampling leaves many): they need nothing.
      if (records.length === 0 && route.endsWith("/get")) targets.push({ type: "deployment", missing: true, asked: `inference request '${requestId}'`, need });
    }
    return dedupe(targets);
  }
  return named("deployment", firstString(input, ["name", "deployment"]), need);
}

/** An inference record is governed by its deployment, or by its registered model when it was served outside any. */
function recordTarget(record: { deployment?: unknown; model_name?: unknown }, need: PermissionLevel): AccessTarget {
  if (typeof record.deployment === "string" && record.deployment !== "") return { type: "deployment", id: record.deployment, asked: describeResource("deployment", record.deployment), need };
  const model = String(record.model_name ?? "");
  return { type: "registered_model", id: model, asked: describeResource("registered_model", model), need };
}

/** An approval request is governed by its registered model; the refusal names only the request id. */
async function approvalTarget(store: CairnStore, requestId: string, need: PermissionLevel): Promise<AccessTarget> {
  const asked = `approval request '${requestId}'`;
  try {
    return { type: "registered_model", id: (await store.getApprovalRequest(requestId)).name, asked, need };
  } catch (error) {
    if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") return { type: "registered_model", missing: true, asked, need };
    throw error;
  }
}

async function experimentByName(store: CairnStore, name: string, need: PermissionLevel): Promise<AccessTarget> {
  const asked = `experiment '${name}'`;
  try {
    const experiment = await store.getExperimentByName(name);
    return { type: "experiment", id: experiment.experiment_id, asked, need };
  } catch (error) {
    if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") return { type: "experiment", missing: true, asked, need };
    throw error;
  }
}

function named(type: GovernedResource, id: string | undefined, need: PermissionLevel): AccessTarget[] {
  return id === undefined ? [] : [{ type, id, asked: describeResource(type, id), need }];
}

function firstString(input: Record<string, unknown>, fields: string[]): string | undefined {
  for (const field of fields) {
    const value = input[field];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

function idsOf(input: Record<string, unknown>, single: string[], list?: string): string[] {
  const one = firstString(input, single);
  const many = list && Array.isArray(input[list]) ? (input[list] as unknown[]).map(String) : [];
  return [...new Set([...(one === undefined ? [] : [one]), ...many])];
}

function dedupe(targets: AccessTarget[]): AccessTarget[] {
  const seen = new Map<string, AccessTarget>();
  for (const t of targets) seen.set(`${t.type}\u0000${t.id ?? ""}\u0000${t.asked}`, t);
  return [...seen.values()];
}
