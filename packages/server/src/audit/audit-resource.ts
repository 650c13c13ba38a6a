import type { Permission } from "../route.js";

/** The URI schemes of audited resources (contract: experiments:/<id>, models:/<name>/<version>, ...). */
type Kind = "experiments" | "runs" | "logged-models" | "models" | "deployments" | "monitors" | "users" | "groups" | "tokens" | "webhooks";

const BY_PERMISSION: Record<Exclude<Permission["resource"], "server">, Kind> = {
  experiment: "experiments",
  run: "runs",
  logged_model: "logged-models",
  registered_model: "models",
  deployment: "deployments",
  monitor: "monitors",
};

// Server-level routes name their resource by the first path segment after the API prefix.
const BY_SEGMENT: Record<string, Kind> = {
  users: "users",
  auth: "users",
  groups: "groups",
  tokens: "tokens",
  webhooks: "webhooks",
  experiments: "experiments",
  "registered-models": "models",
  "model-versions": "models",
  "retirement-policies": "models",
  "approval-policies": "models",
  approvals: "models",
  deployments: "deployments",
  monitors: "monitors",
};

const BY_RESOURCE_TYPE: Record<string, Kind> = { experiment: "experiments", registered_model: "models", deployment: "deployments", monitor: "monitors" };

const API_PREFIX = /^\/api\/2\.0\/(?:mlflow|cairn|mlflow-artifacts)\/([^/]+)/;
const MAX_URI = 512;

/**
 * The resource URI of a mutation, from the route's permission and its input: a created
 * entity's id from the response first (runs/create makes `runs:/<new id>`), then a grant's
 * resource_type/resource_id, then the input field the resource kind is named by; `server` when
 * nothing names one (handlers refine that with request.audit.resource).
 */
export function auditResource(route: string, permission: Permission | undefined, input: Record<string, unknown>, created: string | undefined, actor: string): string {
  if (created) return cap(created);
  const grantKind = typeof input.resource_type === "string" ? BY_RESOURCE_TYPE[input.resource_type] : undefined;
  const grantId = text(input.resource_id);
  if (grantKind && grantId) return cap(`${grantKind}:/${grantId}`);
  const kind = permission && permission.resource !== "server" ? BY_PERMISSION[permission.resource] : BY_SEGMENT[API_PREFIX.exec(route)?.[1] ?? ""];
  const uri = kind ? uriOf(kind, input, actor) : undefined;
  return cap(uri ?? "server");
}

function uriOf(kind: Kind, input: Record<string, unknown>, actor: string): string | undefined {
  const at = (field: unknown) => {
    const id = text(field);
    return id === undefined ? undefined : `${kind}:/${id}`;
  };
  switch (kind) {
    case "experiments":
      // The artifact proxy's paths start with the experiment id (mlflow-artifacts:/<id>/<run>/...).
      return at(input.experiment_id) ?? at(/^(\d+)(?:\/|$)/.exec(text(input.path) ?? "")?.[1]);
    case "runs":
      return at(input.run_id ?? input.run_uuid);
    case "logged-models":
      return at(input.model_id);
    case "models": {
      const model = at(input.name ?? input.model_name);
      const version = text(input.version);
      return model && version ? `${model}/${version}` : model;
    }
    case "users":
      return at(input.username) ?? (actor === "anonymous" ? undefined : at(actor));
    case "tokens":
      return at(input.token_id);
    case "webhooks":
      return at(input.webhook_id);
    default:
      return at(input.name);
  }
}

// The routes that create an entity whose id only the answer holds, and where in the answer it is.
const CREATED: Record<string, (answer: Record<string, any>) => string | undefined> = {
  "/api/2.0/mlflow/runs/create": (a) => idOf("runs", a.run?.info?.run_id),
  "/api/2.0/mlflow/logged-models": (a) => idOf("logged-models", a.model?.info?.model_id),
  "/api/2.0/mlflow/experiments/create": (a) => idOf("experiments", a.experiment_id),
  "/api/2.0/mlflow/webhooks": (a) => idOf("webhooks", a.webhook?.webhook_id),
  "/api/2.0/cairn/tokens/create": (a) => idOf("tokens", a.token?.token_id),
};

/**
 * The URI of what a creation route created, read from its answer (our own JSON); undefined for
 * every other route, whose answers are never parsed.
 */
export function createdResource(route: string, payload: unknown): string | undefined {
  const extract = CREATED[route];
  if (!extract || !(typeof payload === "string" || Buffer.isBuffer(payload))) return undefined;
  return extract(JSON.parse(typeof payload === "string" ? payload : payload.toString("utf8")) as Record<string, any>);
}

function idOf(kind: Kind, value: unknown): string | undefined {
  const id = text(value);
  return id === undefined ? undefined : `${kind}:/${id}`;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function cap(uri: string): string {
  return uri.length > MAX_URI ? `${uri.slice(0, MAX_URI)}…` : uri;
}
