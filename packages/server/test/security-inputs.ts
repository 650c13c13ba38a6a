import type { RegisteredRoute } from "../src/auth/auth-runtime.js";
import type { Seeded } from "./auth-seed.js";

/** The identifiers a generated request refers to: the seeded resources, or ones that do not exist. */
export interface Refs extends Seeded {
  approvalRequestId: string;
  webhookId: string;
  tokenId: string;
  group: string;
  policy: string;
  username: string;
}

/** What an inject call needs. */
export interface BuiltRequest {
  method: string;
  url: string;
  payload?: string;
  headers: Record<string, string>;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  anyOf?: Schema[];
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
};

// Routes whose input the schema does not say (hidden routes) or whose refusal needs an optional field set.
const EXTRA: Record<string, (r: Refs) => Record<string, unknown>> = {
  "/api/2.0/cairn/monitors/report.html": (r) => ({ name: r.monitor }),
  "/api/2.0/cairn/monitors/create": (r) => ({ model_name: r.model, reference_rows: [{ age: 1 }] }),
  "/api/2.0/cairn/permissions/list": (r) => ({ resource_type: "experiment", resource_id: r.experimentId }),
  "/api/2.0/mlflow-artifacts/artifacts": (r) => ({ path: r.artifactPath.split("/").slice(0, 3).join("/") }),
  "/api/2.0/cairn/retirement-policies/create": (r) => ({ model_name: r.model, rule: "keep_last", keep: 3, action: "archive" }),
};

/** A request for the route with every required field filled from refs (and a few optional ones that name the resource). */
export function buildRequest(route: RegisteredRoute, refs: Refs): BuiltRequest {
  const schema = (route.schema ?? {}) as { body?: Schema; querystring?: Schema; params?: Schema };
  const context = { route, refs };
  const params = objectFor(schema.params, context) as Record<string, string>;
  const input = { ...(objectFor(route.method === "GET" || route.method === "HEAD" ? schema.querystring : schema.body, context) as Record<string, unknown>), ...(EXTRA[route.url]?.(refs) ?? {}) };
  let url = route.url.replace(/:([a-z_]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? valueFor(name, { type: "string" }, context) as string));
  if (url.endsWith("*")) url = url.slice(0, -1) + (route.url.includes("/mpu/") ? refs.artifactPath.replace(/file\.txt$/, "big.bin") : refs.artifactPath).split("/").map(encodeURIComponent).join("/");
  const headers: Record<string, string> = {};
  if (route.method === "GET" || route.method === "HEAD" || route.method === "PUT") {
    const query = route.method === "PUT" ? (objectFor(schema.querystring, context) as Record<string, unknown>) : input;
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const item of [v].flat()) qs.append(k, typeof item === "object" ? JSON.stringify(item) : String(item));
    if ([...qs].length > 0) url += `?${qs}`;
  }
  if (route.method === "PUT") return { method: "PUT", url, payload: "refused bytes", headers: { ...headers, "content-type": "application/octet-stream" } };
  if (route.method === "GET" || route.method === "HEAD") return { method: route.method, url, headers };
  return { method: route.method, url, payload: JSON.stringify(input), headers: { ...headers, "content-type": "application/json" } };
}

interface Context {
  route: RegisteredRoute;
  refs: Refs;
}

function objectFor(schema: Schema | undefined, context: Context): Record<string, unknown> {
  if (!schema?.properties) return {};
  const out: Record<string, unknown> = {};
  for (const name of schema.required ?? []) out[name] = valueFor(name, schema.properties[name] ?? {}, context);
  // MLflow's run routes take run_id or the deprecated run_uuid, so neither is required by the schema.
  if ("run_id" in schema.properties && !("run_id" in out)) out.run_id = valueFor("run_id", schema.properties.run_id!, context);
  return out;
}

function valueFor(name: string, schema: Schema, context: Context): unknown {
  const { refs, route } = context;
  const named = byName(name, refs, route);
  if (named !== undefined) return named;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return valueFor(name, schema.anyOf[0]!, context);
  const type = [schema.type ?? "object"].flat()[0];
  switch (type) {
    case "string":
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
    case "integer":
    case "number":
      return Math.max(1, schema.minimum ?? 1);
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => valueFor(`${name}[]`, schema.items ?? {}, context));
    default:
      return objectFor(schema, context);
  }
}

/** Values by field name: the seeded resource a field of that name refers to on this route. */
function byName(name: string, r: Refs, route: RegisteredRoute): unknown {
  const resource = route.permission?.resource;
  switch (name) {
    case "experiment_id":
    case "resource_id":
      return r.experimentId;
    case "experiment_ids":
      return [r.experimentId];
    case "experiment_name":
      return r.experimentName;
    case "run_id":
    case "run_uuid":
      return r.runId;
    case "run_ids":
      return [r.runId];
    case "model_id":
      return r.loggedModelId;
    case "model_name":
    case "registered_model_name":
      return r.model;
    case "deployment":
      return r.deployment;
    case "model_uri":
      return `models:/${r.model}/1`;
    case "source":
      return `runs:/${r.runId}/model`;
    case "version":
      return "1";
    case "alias":
      return "champion";
    case "request_id":
      return route.url.includes("/approvals/") ? r.approvalRequestId : r.requestId;
    case "webhook_id":
      return r.webhookId;
    case "token_id":
      return r.tokenId;
    case "username":
    case "principal":
      return r.username;
    case "principal_type":
      return "user";
    case "resource_type":
      return "experiment";
    case "level":
      return "READ";
    case "password":
    case "current_password":
      return "some-password-123";
    case "key":
    case "tag_key":
      return "k";
    case "value":
      return "v";
    case "metric_key":
      return "m";
    case "feature":
      return "age";
    case "name":
      if (resource === "registered_model") return r.model;
      if (resource === "deployment") return r.deployment;
      if (resource === "monitor") return r.monitor;
      if (route.url.includes("/retirement-policies/")) return r.policy;
      if (route.url.includes("/groups/")) return r.group;
      return "generated-name";
    default:
      return undefined;
  }
}
