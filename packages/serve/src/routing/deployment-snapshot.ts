import { CairnError } from "@cairn/core";

/** A model reference in a deployment, with the version the tracking server resolved it to (null: unresolvable now). */
export interface SnapshotRoute {
  model_uri: string;
  version: string | null;
}

/**
 * A deployment as GET /api/2.0/cairn/deployments/get returns it under `deployment`: the fields
 * the scoring server routes by (others are ignored).
 */
export interface DeploymentSnapshot {
  name: string;
  model_name: string;
  revision: number;
  primary: SnapshotRoute;
  canary?: SnapshotRoute & { percent: number };
  variants?: (SnapshotRoute & { weight: number })[];
  sticky_key?: string;
  shadow?: SnapshotRoute & { percent: number };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function route(value: unknown, where: string): SnapshotRoute {
  if (!isRecord(value) || typeof value.model_uri !== "string") throw malformed(`${where} needs a model_uri`);
  const version = value.version;
  if (version !== null && version !== undefined && typeof version !== "string" && typeof version !== "number") throw malformed(`${where}.version must be a string or null`);
  return { model_uri: value.model_uri, version: version === null || version === undefined ? null : String(version) };
}

function share(value: unknown, field: "percent" | "weight", where: string): number {
  const number = isRecord(value) ? value[field] : undefined;
  if (typeof number !== "number" || !Number.isFinite(number) || number < 0) throw malformed(`${where}.${field} must be a non-negative number`);
  return number;
}

function malformed(why: string): CairnError {
  return new CairnError("INTERNAL_ERROR", `The tracking server's deployment answer is malformed: ${why}. Check that the server and cairn serve are the same version.`);
}

/** Checks a fetched deployment's shape (the answer itself, or its `deployment` field) and keeps the routing fields. */
export function parseDeploymentSnapshot(answer: unknown): DeploymentSnapshot {
  const value = isRecord(answer) && isRecord(answer.deployment) ? answer.deployment : answer;
  if (!isRecord(value)) throw malformed("it is not an object");
  const { name, model_name, revision } = value;
  if (typeof name !== "string" || typeof model_name !== "string") throw malformed("name and model_name must be strings");
  if (typeof revision !== "number" || !Number.isInteger(revision)) throw malformed("revision must be an integer");
  const snapshot: DeploymentSnapshot = { name, model_name, revision, primary: route(value.primary, "primary") };
  if (value.canary !== undefined && value.canary !== null) snapshot.canary = { ...route(value.canary, "canary"), percent: share(value.canary, "percent", "canary") };
  if (value.shadow !== undefined && value.shadow !== null) snapshot.shadow = { ...route(value.shadow, "shadow"), percent: share(value.shadow, "percent", "shadow") };
  if (value.variants !== undefined && value.variants !== null) {
    if (!Array.isArray(value.variants)) throw malformed("variants must be a list");
    snapshot.variants = value.variants.map((v, i) => ({ ...route(v, `variants[${i}]`), weight: share(v, "weight", `variants[${i}]`) }));
  }
  if (typeof value.sticky_key === "string" && value.sticky_key !== "") snapshot.sticky_key = value.sticky_key;
  return snapshot;
}

/** Every route of a snapshot with its role (traffic routes first, then the shadow). */
export function snapshotRoutes(snapshot: DeploymentSnapshot): { role: "primary" | "canary" | "variant" | "shadow"; route: SnapshotRoute }[] {
  return [
    { role: "primary" as const, route: snapshot.primary },
    ...(snapshot.canary ? [{ role: "canary" as const, route: snapshot.canary }] : []),
    ...(snapshot.variants ?? []).map((route) => ({ role: "variant" as const, route })),
    ...(snapshot.shadow ? [{ role: "shadow" as const, route: snapshot.shadow }] : []),
  ];
}

/** What routing depends on, as one string: two snapshots with the same key route the same way. */
export function routingKey(snapshot: DeploymentSnapshot): string {
  return JSON.stringify([
    snapshot.revision,
    snapshot.primary.version,
    snapshot.canary ? [snapshot.canary.version, snapshot.canary.percent] : null,
    (snapshot.variants ?? []).map((v) => [v.version, v.weight]),
    snapshot.sticky_key ?? null,
    snapshot.shadow ? [snapshot.shadow.version, snapshot.shadow.percent] : null,
  ]);
}
